using WinVmBuild.Bench;

return args.FirstOrDefault() switch
{
    "closure" => await ClosureBenchmark.RunAsync(args[1..]),
    "revive" => await ReviveBenchmark.RunAsync(args[1..]),
    "registry" => await RegistryBenchmark.RunAsync(),
    "provision" => await ProvisionBenchmark.RunAsync(),
    "build" => await BuildBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench.sh closure|revive|registry|provision|build [options]");
    return 2;
}
