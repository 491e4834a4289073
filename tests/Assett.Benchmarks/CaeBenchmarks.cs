using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Assett.Benchmarks;

/// <summary>
/// The engine on the real CAE package: loading it, and evaluating the whole tree for one organisation.
/// Targets (issue 3): load ≤ 200 ms; evaluation ≤ 250 µs median on one core, ≤ 256 KB allocated.
/// Run: dotnet run -c Release --project tests/Assett.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(OneCore))]
public class CaeBenchmarks
{
    private string _folder = "";
    private ReferentialEvaluator _evaluator = null!;
    private EvaluationInput _input = null!;

    private sealed class OneCore : ManualConfig
    {
        public OneCore() => AddJob(Job.Default.WithAffinity(1));
    }

    [GlobalSetup]
    public void SetUp()
    {
        _folder = CaeFixture.PackageFolder();
        var package = CaeFixture.Load();
        _evaluator = new ReferentialEvaluator(package);
        _input = CaeFixture.FullCase(package);
    }

    [Benchmark]
    public ReferentialPackage? LoadCaePackage() => PackageLoader.Load(_folder).Package;

    [Benchmark]
    public EvaluationResult EvaluateCaeForOneOrganisation() => _evaluator.Evaluate(_input);
}
