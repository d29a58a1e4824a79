namespace WinVmBuild.Bench;

/// <summary>Parse + closure of openssh on the real setup.ini, against nixpkgs' mkclosure.py.</summary>
internal static class ClosureBenchmark
{
    public static Task<int> RunAsync(string[] args) => throw new NotImplementedException("issue 2");
}
