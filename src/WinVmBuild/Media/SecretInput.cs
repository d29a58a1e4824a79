using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media;

/// <summary>
/// A secret given either inline or as a file holding it. MSBuild itself logs every task parameter at diagnostic
/// verbosity and in binary logs; a secret passed as a file path never enters the build's properties at all.
/// </summary>
public static class SecretInput
{
    /// <summary>The inline value, or the trimmed content of <paramref name="file"/>, or null when neither is given.</summary>
    public static string? Resolve(string? value, string? file, string propertyName)
    {
        var hasValue = !string.IsNullOrEmpty(value);
        var hasFile = !string.IsNullOrWhiteSpace(file);
        if (hasValue && hasFile)
        {
            throw new WinVmException(ErrorCodes.SecretGivenTwice, $"Both {propertyName} and {propertyName}File are set; set only one of them.");
        }

        if (!hasFile)
        {
            return hasValue ? value : null;
        }

        return File.Exists(file)
            ? File.ReadAllText(file).Trim()
            : throw new WinVmException(ErrorCodes.InputFileMissing, $"{propertyName}File '{file}' does not exist.") { File = file };
    }
}
