namespace Assett.Referentials.Tests.Evaluation;

/// <summary>Every worked example of docs/referential-format.md section 6, on the demo package.</summary>
public sealed class WorkedExamplesShould
{
    private static Assett.Referentials.Evaluation.EvaluationResult Evaluate(string caseYaml) =>
        TestPackages.Evaluate(TestPackages.Demo, caseYaml);

    [Fact]
    public void CountADoneTaskInItsMeasureAndTheRoot()
    {
        var result = Evaluate("Statuts:\n  demo_1.1: fait\n");

        Assert.Equal(10, result["demo_1"].PointFait);
        Assert.Equal(20, result["demo_1"].PointNonRenseigne);
        Assert.Equal(30, result["demo_1"].PointPotentiel);
        Assert.Equal(10, result["demo"].PointFait);
        Assert.Equal(90, result["demo"].PointNonRenseigne);
    }

    [Fact]
    public void SplitADetailedStatus()
    {
        var result = Evaluate("Statuts:\n  demo_1.1: [0.2, 0.7, 0.1]\n");

        Assert.Equal(2, result["demo_1.1"].PointFait, 9);
        Assert.Equal(7, result["demo_1.1"].PointProgramme, 9);
        Assert.Equal(1, result["demo_1.1"].PointPasFait, 9);
    }

    [Fact]
    public void GiveANonConcernedTaskPotentialToItsSibling()
    {
        var result = Evaluate("Statuts:\n  demo_1.1: non_concerne\n");

        Assert.Equal(30, result["demo_1.2"].PointPotentiel);
        Assert.Equal(30, result["demo_1"].PointPotentiel);
        Assert.Equal(100, result["demo"].PointPotentiel);
        Assert.Equal(0, result["demo_1.1"].PointPotentiel);
    }

    [Fact]
    public void MakeAMeasureNonConcernedWhenAllItsTasksAre()
    {
        var result = Evaluate("Statuts:\n  demo_1.1: non_concerne\n  demo_1.2: non_concerne\n");

        Assert.False(result["demo_1"].Concerne);
        Assert.Equal(0, result["demo_1"].PointPotentiel);
        Assert.Equal(70, result["demo"].PointPotentiel);
    }

    [Fact]
    public void NeverGiveToAZeroPointReglementaireTask()
    {
        var result = Evaluate("Statuts:\n  demo_2.1: non_concerne\n  demo_2.2: fait\n");

        Assert.Equal(0, result["demo_2.0"].PointPotentiel);
        Assert.Equal(70, result["demo_2.2"].PointPotentiel);
        Assert.Equal(70, result["demo_2.2"].PointFait);
    }

    [Fact]
    public void ApplyAReductionFactorToTheMeasureAndItsTasks()
    {
        var result = Evaluate("Identité:\n  exemple: [reduction_02]\nStatuts:\n  demo_1.1: fait\n");

        Assert.Equal(2, result["demo_1.1"].PointPotentiel, 9);
        Assert.Equal(2, result["demo_1.1"].PointFait, 9);
        Assert.Equal(4, result["demo_1.2"].PointPotentiel, 9);
        Assert.Equal(76, result["demo"].PointPotentiel, 9);
        Assert.Equal(6, result["demo_1"].PointPotentielPerso, 9);
    }

    [Fact]
    public void ApplyAFactorAboveOne()
    {
        var result = Evaluate("Identité:\n  exemple: [reduction_12]\n");

        Assert.Equal(36, result["demo_1"].PointPotentiel, 9);
        Assert.Equal(106, result["demo"].PointPotentiel, 9);
    }

    [Fact]
    public void CapAMeasureWithItsScoreRealiseRule()
    {
        var result = Evaluate("Identité:\n  exemple: [score_realise]\nStatuts:\n  demo_1.1: fait\n  demo_1.2: fait\n  demo_2.2: fait\n");

        Assert.Equal(2.143, TestPackages.Rounded(result["demo_1"].PointFait));
        Assert.Equal(0.714, TestPackages.Rounded(result["demo_1.1"].PointFait));
        Assert.Equal(1.429, TestPackages.Rounded(result["demo_1.2"].PointFait));
        Assert.Equal(7.143, TestPackages.Rounded(result["demo"].PointFait));
    }
}
