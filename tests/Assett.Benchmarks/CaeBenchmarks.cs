using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Assett.Benchmarks;

/// <summary>
/// The engine on the real CAE package: loading it, evaluating the whole tree for one organisation, and re-scoring it
/// after one changed task. Targets: load ≤ 200 ms (issue 3); evaluation ≤ 50 µs median on one core, ≤ 64 KB allocated,
/// and a re-scoring a small fraction of it (issue 21).
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
    private TrackedScore _tracked = null!;
    private int _task;
    private bool _done;

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
        _tracked = _evaluator.Track(_input);
        _task = package.Nodes.First(n => n.IsLeaf && n.Id.StartsWith("cae_3.1.1.", StringComparison.Ordinal)).Index;
    }

    [Benchmark]
    public ReferentialPackage? LoadCaePackage() => PackageLoader.Load(_folder).Package;

    [Benchmark]
    public EvaluationResult EvaluateCaeForOneOrganisation() => _evaluator.Evaluate(_input);

    /// <summary>One task turned fait, then pas fait, in turns: every call is a real change.</summary>
    [Benchmark]
    public EvaluationResult RescoreCaeAfterOneChangedTask()
    {
        _done = !_done;
        _tracked.Change(_task, _done ? NodeStatus.Done : NodeStatus.NotDone);
        return _tracked.Result;
    }
}
