using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

/// <summary>What the guest returns in xchg/out is untrusted: only plain files that stay inside the output folder are copied.</summary>
[TestClass]
public sealed class GuestOutputsTests
{
    [TestMethod]
    public void Plain_files_are_copied_at_their_relative_paths_with_their_bytes()
    {
        var (returned, output, log) = Folders();
        var bytes = new byte[] { 0, 1, 2, 255, 10, 13 };
        Directory.CreateDirectory(Path.Combine(returned, "bin dir"));
        File.WriteAllBytes(Path.Combine(returned, "bin dir", "tool.exe"), bytes);
        File.WriteAllText(Path.Combine(returned, "top.txt"), "top");

        var collected = GuestOutputs.Collect(returned, output, log);

        CollectionAssert.AreEquivalent(new[] { Path.Combine(output, "bin dir", "tool.exe"), Path.Combine(output, "top.txt") }, collected.ToArray());
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(output, "bin dir", "tool.exe")));
        Assert.IsEmpty(log.Warnings);
    }

    [TestMethod]
    public void A_symbolic_link_to_a_file_outside_is_refused_with_a_warning()
    {
        var (returned, output, log) = Folders();
        var secret = Path.Combine(Path.GetDirectoryName(returned)!, "host-secret.txt");
        File.WriteAllText(secret, "host secret");
        File.CreateSymbolicLink(Path.Combine(returned, "result.txt"), secret);

        var collected = GuestOutputs.Collect(returned, output, log);

        Assert.IsEmpty(collected);
        Assert.IsFalse(File.Exists(Path.Combine(output, "result.txt")));
        Assert.AreEqual(ErrorCodes.GuestOutputRefused, log.Warnings.Single().Code);
        StringAssert.Contains(log.Warnings.Single().Text, "'result.txt'");
    }

    [TestMethod]
    public void Nothing_is_copied_through_a_symbolic_link_to_a_folder()
    {
        var (returned, output, log) = Folders();
        var outside = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(returned)!, "host-folder")).FullName;
        File.WriteAllText(Path.Combine(outside, "id_ed25519"), "private key");
        Directory.CreateSymbolicLink(Path.Combine(returned, "bin"), outside);

        var collected = GuestOutputs.Collect(returned, output, log);

        Assert.IsEmpty(collected);
        Assert.IsFalse(Directory.Exists(Path.Combine(output, "bin")));
        Assert.AreEqual(ErrorCodes.GuestOutputRefused, log.Warnings.Single().Code);
    }

    [TestMethod]
    public void A_name_with_dot_dot_in_windows_form_is_refused()
    {
        var (returned, output, log) = Folders();
        File.WriteAllText(Path.Combine(returned, @"..\..\escaped.txt"), "escaped");

        var collected = GuestOutputs.Collect(returned, output, log);

        Assert.IsEmpty(collected);
        Assert.IsEmpty(Directory.GetFileSystemEntries(output));
        Assert.AreEqual(ErrorCodes.GuestOutputRefused, log.Warnings.Single().Code);
    }

    [TestMethod]
    public void Nothing_returned_collects_nothing()
    {
        var (returned, output, log) = Folders();
        Directory.Delete(returned);

        Assert.IsEmpty(GuestOutputs.Collect(returned, output, log));
    }

    private static (string Returned, string Output, Vm.RecordingLog Log) Folders()
    {
        var scratch = TestPaths.NewScratchFolder("guest-outputs");
        return (Directory.CreateDirectory(Path.Combine(scratch, "out")).FullName, Directory.CreateDirectory(Path.Combine(scratch, "project-bin")).FullName, new Vm.RecordingLog());
    }
}
