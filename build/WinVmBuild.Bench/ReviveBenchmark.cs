namespace WinVmBuild.Bench;

/// <summary>Revive from a memory snapshot against a cold boot; snapshot save time and size, zstd against gzip.</summary>
internal static class ReviveBenchmark
{
    public static Task<int> RunAsync(string[] args) => throw new NotImplementedException("issue 4");
}
