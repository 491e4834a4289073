using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Tests.Evaluation;

public sealed class CaseFileShould
{
    private static readonly Lazy<ReferentialPackage> Mini = new(() => TestPackages.LoadValid("mini"));

    private static (EvaluationInput? Input, DiagnosticBag Diagnostics) Parse(string yaml) => CaseFile.Parse(yaml, "case.yml", Mini.Value);

    private static List<string> All(DiagnosticBag diagnostics) => diagnostics.Items.Select(d => $"{d.Severity}: {d}").ToList();

    [Fact]
    public void ReadEverySectionAndItsSynonyms()
    {
        var (input, diagnostics) = Parse("""
            Test: une description ignorée
            Collectivité:
              type: association
              effectif: [moins_de_10, moins_de_50]
            Reponses:
              flotte: false
              part: 0.5
              chauffage: gaz
            Statuts:
              mini_1.1.1.1: fait
              mini_1.1.2: programmé
              mini_1.1.2.1: [0.25, 0.25, 0.5]
            Scores:
              mini: 12
            """);

        Assert.Empty(diagnostics.Items);
        Assert.True(input!.Profile.Identity["effectif"].SetEquals(["moins_de_10", "moins_de_50"]));
        Assert.False(input.Profile.Answers["flotte"].Boolean);
        Assert.Equal(0.5, input.Profile.Answers["part"].Number);
        Assert.Equal(NodeStatus.Planned, input.Statuses[Mini.Value.NodesById["mini_1.1.2"].Index]);
        Assert.Equal(0.25, input.Statuses[Mini.Value.NodesById["mini_1.1.2.1"].Index].Fait);
    }

    [Fact]
    public void WarnAboutUnknownNodesStatusesAndLevelsThenGoOn()
    {
        var (input, diagnostics) = Parse("Statuts:\n  mini_9.9: fait\n  mini_1.1.1.1: bientot\n  mini_1.1: fait\n");

        Assert.NotNull(input);
        Assert.Equal([
            "Warning: case.yml:2: unknown node 'mini_9.9': status ignored",
            "Warning: case.yml:3: unknown status 'bientot' for 'mini_1.1.1.1': read as non_renseigne",
            "Warning: case.yml:4: 'mini_1.1' is at the level 'action': statuses go on sub-actions and tasks; ignored",
        ], All(diagnostics));
        Assert.Equal(StatusKind.NonRenseigne, input.Statuses[Mini.Value.NodesById["mini_1.1.1.1"].Index].Kind);
        Assert.Equal(StatusKind.None, input.Statuses[Mini.Value.NodesById["mini_1.1"].Index].Kind);
    }

    [Theory]
    [InlineData("Statuts:\n  mini_1.1.1.1: [0.5, 0.6, 0]\n",
        "Error: case.yml:2: the detailed status of 'mini_1.1.1.1' must be three numbers between 0 and 1 summing to 1: [fait, programmé, pas fait]")]
    [InlineData("Statuts:\n  mini_1.1.1.1: [1, 0]\n",
        "Error: case.yml:2: the detailed status of 'mini_1.1.1.1' must be three numbers between 0 and 1 summing to 1: [fait, programmé, pas fait]")]
    [InlineData("Réponses:\n  inconnue: OUI\n", "Error: case.yml:2: unknown question 'inconnue'")]
    [InlineData("Réponses:\n  flotte: peut-être\n", "Error: case.yml:2: 'flotte' is answered OUI or NON, not 'peut-être'")]
    [InlineData("Réponses:\n  part: 1.5\n", "Error: case.yml:2: 'part' is a proportion between 0 and 1, not '1.5'")]
    [InlineData("Réponses:\n  chauffage: bois\n", "Error: case.yml:2: 'bois' is not a choice of 'chauffage' (gaz, fioul)")]
    [InlineData("Statuts: [fait]\n", "Error: case.yml:1: 'Statuts' must be a list of 'key: value' lines")]
    [InlineData("- fait\n", "Error: case.yml:1: a case is a YAML mapping with the sections Identité, Réponses and Statuts")]
    public void RejectBadInputOnItsLine(string yaml, string expected)
    {
        var (input, diagnostics) = Parse(yaml);

        Assert.Null(input);
        Assert.Equal([expected], All(diagnostics));
    }

    [Fact]
    public void ReportBrokenYamlWithItsLine()
    {
        var (input, diagnostics) = Parse("Statuts:\n  mini_1.1.1.1: fait\n  mini_1.1.1.2: [fait\n");

        Assert.Null(input);
        Assert.StartsWith("case.yml:", diagnostics.Errors.Single().ToString());
        Assert.Contains("invalid YAML", diagnostics.Errors.Single().Message);
    }

    [Fact]
    public void AcceptAnEmptyCase()
    {
        var (input, diagnostics) = Parse("");

        Assert.NotNull(input);
        Assert.Empty(diagnostics.Items);
    }
}
