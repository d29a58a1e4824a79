namespace WinVmBuild.Media.AnswerFiles;

/// <summary>The files the answer-file medium holds for a guest, the answer file itself first.</summary>
public static class AnswerFileSet
{
    public static IReadOnlyList<MediaFile> Create(AnswerFileInputs inputs) => inputs.Kind switch
    {
        AnswerFileKind.WinntSif => [new(WinntSifWriter.FileName, WinntSifWriter.Create(inputs))],
        AnswerFileKind.TestGuest =>
        [
            new(TestGuestAnswerFile.FileName, TestGuestAnswerFile.Create(inputs)),
            new(TestGuestAnswerFile.AuthorizedKeysFileName, TestGuestAnswerFile.AuthorizedKeys(inputs)),
        ],
        _ => [new(AutounattendWriter.FileName, AutounattendWriter.Create(inputs))],
    };
}
