using Assett.Referentials.Evaluation;

namespace Assett.Referentials.Tests.Evaluation;

/// <summary>The pipeline's rules beyond the worked examples, on the five-level "mini" package.</summary>
public sealed class EvaluationPipelineShould
{
    private static readonly Lazy<Assett.Referentials.Packages.ReferentialPackage> Mini = new(() => TestPackages.LoadValid("mini"));

    private static EvaluationResult Evaluate(string caseYaml) => TestPackages.Evaluate(Mini.Value, caseYaml);

    [Fact]
    public void SharePointsBetweenSubActionsByPercentageAndTasksEqually()
    {
        var result = Evaluate("");

        Assert.Equal(50, result["mini"].PointPotentiel);
        Assert.Equal(30, result["mini_1"].PointPotentiel);
        Assert.Equal(4, result["mini_1.1.1"].PointPotentiel, 9);
        Assert.Equal(2, result["mini_1.1.2.3"].PointPotentiel, 9);
        Assert.Equal(0, result["mini_1.1.0.1"].PointPotentiel);
        Assert.Equal(50, result["mini"].PointNonRenseigne, 9);
    }

    [Fact]
    public void LetASubActionStatusOverrideItsTasks()
    {
        var result = Evaluate("Statuts:\n  mini_1.1.1: fait\n  mini_1.1.1.1: pas_fait\n  mini_1.1.1.2: programme\n");

        Assert.Equal(4, result["mini_1.1.1"].PointFait, 9);
        Assert.Equal(0, result["mini_1.1.1"].PointPasFait);
        Assert.Equal(2, result["mini_1.1.1.1"].PointPasFait, 9);
        Assert.Equal(4, result["mini_1.1"].PointFait, 9);
        Assert.Equal(0, result["mini_1.1"].PointPasFait);
        Assert.Equal(2, result["mini_1.1.1"].CompletedTachesCount);
        Assert.Equal(2, result["mini_1.1.1"].FaitTachesAvancement);
    }

    [Fact]
    public void MultiplyNestedReductionFactors()
    {
        var result = Evaluate("Identité:\n  type: [association]\nRéponses:\n  flotte: NON\n");

        Assert.Equal(5, result["mini_1.1"].PointPotentielPerso, 9);
        Assert.Equal(1.5, result["mini_1.1.2"].PointPotentielPerso, 9);
        Assert.Equal(1.5, result["mini_1.1.2"].PointPotentiel, 9);
        Assert.Equal(0.5, result["mini_1.1.2.1"].PointPotentiel, 9);
        Assert.Equal(2, result["mini_1.1.1"].PointPotentiel, 9);
        Assert.Equal(3.5, result["mini_1.1"].PointPotentiel, 9);
        Assert.True(double.IsNaN(result["mini_1.1.1"].PointPotentielPerso));
    }

    [Fact]
    public void LowerTheAxisWhenAMeasureIsNonConcerned()
    {
        var result = Evaluate("Statuts:\n  mini_1.2.1: non_concerne\n  mini_1.2.2: non_concerne\n");

        Assert.False(result["mini_1.2"].Concerne);
        Assert.Equal(10, result["mini_1"].PointPotentiel);
        Assert.Equal(10, result["mini_1.1"].PointPotentiel);
        Assert.Equal(30, result["mini"].PointPotentiel);
    }

    [Fact]
    public void GiveNothingToAZeroPointReglementaireSubAction()
    {
        var result = Evaluate("Statuts:\n  mini_1.1.1: non_concerne\n");

        Assert.Equal(0, result["mini_1.1.0"].PointPotentiel);
        Assert.Equal(10, result["mini_1.1.2"].PointPotentiel, 9);
        Assert.Equal(10 / 3.0, result["mini_1.1.2.1"].PointPotentiel, 9);
        Assert.Equal(10, result["mini_1.1"].PointPotentiel, 9);
    }

    [Fact]
    public void ShareTheWholePotentialOfADesactivatedSubAction()
    {
        var result = Evaluate("Réponses:\n  flotte: OUI\n  part: 1\nStatuts:\n  mini_1.2.1: fait\n");
        var withoutFleet = Evaluate("Réponses:\n  flotte: NON\n  part: 1\nStatuts:\n  mini_1.2.1: fait\n");

        Assert.False(result["mini_1.2.2"].Desactive);
        Assert.Equal(10, result["mini_1.2"].PointFait, 9);
        Assert.True(withoutFleet["mini_1.2.2"].Desactive);
        Assert.False(withoutFleet["mini_1.2.2"].Concerne);
        Assert.Equal(20, withoutFleet["mini_1.2.1"].PointPotentiel, 9);
        Assert.Equal(20, withoutFleet["mini_1.2"].PointFait, 9);
        Assert.Equal(100, withoutFleet["mini_1.2"].ScorePercent, 9);
    }

    [Fact]
    public void CountTasksAsTerritoiresEnTransitionsDoes()
    {
        var result = Evaluate("Statuts:\n  mini_1.1.1: non_concerne\n  mini_1.1.2.1: fait\n  mini_1.1.2.2: [0.5, 0.5, 0]\n  mini_1.2.2: non_concerne\n");

        Assert.Equal(2, result["mini_1.1.1"].TotalTachesCount);
        Assert.Equal(2, result["mini_1.1.1"].PasConcerneTachesAvancement);
        Assert.Equal(1, result["mini_1.2.2"].TotalTachesCount);
        Assert.Equal(1, result["mini_1.2.2"].CompletedTachesCount);
        Assert.Equal(3, result["mini_1.1.2"].TotalTachesCount);
        Assert.Equal(2, result["mini_1.1.2"].CompletedTachesCount);
        Assert.Equal(1.5, result["mini_1.1.2"].FaitTachesAvancement);
        Assert.Equal(0.5, result["mini_1.1.2"].ProgrammeTachesAvancement);
        Assert.Equal(6, result["mini_1.1"].TotalTachesCount);
    }

    [Fact]
    public void IgnoreAReductionWhoseNumericAnswerIsMissing()
    {
        var unanswered = Evaluate("");
        var answered = Evaluate("Réponses:\n  part: 0.1\n");

        Assert.Equal(20, unanswered["mini_2.1"].PointPotentiel);
        Assert.True(double.IsNaN(unanswered["mini_2.1"].PointPotentielPerso));
        Assert.Equal(5, answered["mini_2.1"].PointPotentiel, 9);
    }

    [Fact]
    public void ReadAChoiceAnswerInARule()
    {
        var result = Evaluate("Réponses:\n  chauffage: fioul\n");

        Assert.Equal(9, result["mini_1.1.2"].PointPotentiel, 9);
        Assert.Equal(13, result["mini_1.1"].PointPotentiel, 9);
    }

    [Fact]
    public void DesactivateTheNodesATerritoryDisables()
    {
        var (input, _) = CaseFile.Parse("Statuts:\n  mini_1.2.1: fait\n", "case.yml", Mini.Value);

        var result = new ReferentialEvaluator(Mini.Value, ["mini_1.2.2", "mini_9"]).Evaluate(input!);

        Assert.True(result["mini_1.2.2"].Desactive);
        Assert.False(result["mini_1.2.2"].Concerne);
        Assert.Equal(20, result["mini_1.2"].PointFait, 9);
    }

    [Fact]
    public void ReadAMaturityLevelAndStarsOffTheScore()
    {
        var demo = TestPackages.Demo;

        Assert.Equal("Découverte", demo.LevelFor(0)?.Name);
        Assert.Equal("Engagé", demo.LevelFor(25)?.Name);
        Assert.Equal("Exemplaire", demo.LevelFor(100)?.Name);
        Assert.Null(Mini.Value.LevelFor(80));
        Assert.Equal(1, TerritoireEngageStars.For(34.9));
        Assert.Equal(2, TerritoireEngageStars.For(35));
        Assert.Equal(4, TerritoireEngageStars.For(65));
        Assert.Equal(5, TerritoireEngageStars.For(99));
    }
}
