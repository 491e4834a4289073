using System.Text.Json;
using Assett.Data;

namespace Assett.Cli.Tests.Referentials;

/// <summary>The command-line contract of docs/referential-format.md section 7.</summary>
public sealed class ReferentialCommandShould : IDisposable
{
    private static readonly string Packages = Path.Combine(RepositoryRoot.Find(), "tests", "Assett.Referentials.Tests", "Packages");
    private readonly string _folder = Directory.CreateTempSubdirectory("assett-cli-").FullName;

    private static string Demo => Path.Combine(Packages, "demo");

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task InspectAPackageAsOneJsonObject()
    {
        var run = await CliRun.RunAsync("referential", "inspect", Demo, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("demo", json.GetProperty("referentiel").GetString());
        Assert.Equal(2, json.GetProperty("niveaux_hierarchie").GetProperty("action").GetInt32());
        Assert.Equal(5, json.GetProperty("niveaux_hierarchie").GetProperty("tache").GetInt32());
        Assert.Equal(100, json.GetProperty("point_referentiel").GetDouble());
        Assert.Equal(70, json.GetProperty("axes").GetProperty("demo_2").GetDouble());
        Assert.Equal(0, json.GetProperty("questions").GetInt32());
        Assert.Equal(2, json.GetProperty("regles").GetInt32());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
        Assert.Equal(5, json.GetProperty("feuilles").GetInt32());
    }

    [Fact]
    public async Task EvaluateACaseAsOneJsonObjectKeyedByNodeId()
    {
        var caseFile = Write("case.yml",
            "Identité:\n  exemple: [score_realise]\nStatuts:\n  demo_1.1: fait\n  demo_1.2: fait\n  demo_2.2: fait\n  demo_9: fait\n");

        var run = await CliRun.RunAsync("referential", "evaluate", Demo, caseFile, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(["demo", "demo_1", "demo_1.1", "demo_1.2", "demo_2", "demo_2.0", "demo_2.1", "demo_2.2"],
            json.EnumerateObject().Select(p => p.Name));
        var measure = json.GetProperty("demo_1");
        Assert.Equal([
            "point_referentiel", "point_potentiel", "point_potentiel_perso", "point_fait", "point_programme", "point_pas_fait",
            "point_non_renseigne", "concerne", "desactive", "total_taches_count", "completed_taches_count", "fait_taches_avancement",
            "programme_taches_avancement", "pas_fait_taches_avancement", "pas_concerne_taches_avancement",
        ], measure.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2.143, measure.GetProperty("point_fait").GetDouble());
        Assert.Equal(JsonValueKind.Null, measure.GetProperty("point_potentiel_perso").ValueKind);
        Assert.True(measure.GetProperty("concerne").GetBoolean());
        Assert.Equal(7.143, json.GetProperty("demo").GetProperty("point_fait").GetDouble());
        Assert.Contains("unknown node 'demo_9'", run.Error);
    }

    [Fact]
    public async Task PrintAReadableSummaryWithoutJson()
    {
        var caseFile = Write("case.yml", "Statuts:\n  demo_1.1: fait\n");

        var run = await CliRun.RunAsync("referential", "evaluate", Demo, caseFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Démo : 10 % réalisé", run.Output);
        Assert.Contains("niveau Découverte", run.Output);
    }

    [Fact]
    public async Task ExitWithOneAndEveryErrorOfAnInvalidPackage()
    {
        var package = Path.Combine(_folder, "bad");
        Write("bad/bad.md", "# Bad\n```yaml\nidentifiant: \"\"\nreferentiel: bad\nhierarchie: [referentiel, action]\n```\n");
        Write("bad/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 1\n```\n# A\n```yaml\nidentifiant: 1\n```\n# B\n```yaml\nidentifiant: 5.5\n```\n");

        var run = await CliRun.RunAsync("referential", "inspect", package, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("bad/1.md:6: duplicate identifiant '1'", run.Error);
        Assert.Contains("bad/1.md:10: orphan node 'bad_5.5'", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task ExitWithOneOnAMalformedCaseFile()
    {
        var caseFile = Write("case.yml", "Statuts:\n  demo_1.1: [0.5, 0.6, 0]\n");

        var run = await CliRun.RunAsync("referential", "evaluate", Demo, caseFile, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith($"{caseFile}:2: the detailed status", run.Error);
    }

    [Theory]
    [InlineData("referential", "inspect")]
    [InlineData("referential", "evaluate", "only-a-package")]
    [InlineData("referential", "inspect", "x", "--jsonn")]
    public async Task ExitWithTwoOnAUsageError(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
