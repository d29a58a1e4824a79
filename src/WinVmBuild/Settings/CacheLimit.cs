namespace WinVmBuild.Settings;

/// <summary>What <c>WinVmCachePrune</c> needs: the cache (<c>WinVmCacheDir</c>) and the bytes its entries may take (<c>WinVmCacheMaxSize</c>).</summary>
public sealed record CacheLimit(string CacheDir, long MaxSize);
