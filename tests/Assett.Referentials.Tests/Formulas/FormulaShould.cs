using Assett.Referentials.Formulas;

namespace Assett.Referentials.Tests.Formulas;

public sealed class FormulaShould
{
    private sealed class Context : IFormulaContext
    {
        public Dictionary<string, HashSet<string>> Identity { get; } = new();
        public Dictionary<string, FormulaValue> Answers { get; } = new();

        public bool HasIdentityTag(string field, string tag) => Identity.TryGetValue(field, out var tags) && tags.Contains(tag);
        public FormulaValue Answer(string questionId) => Answers.GetValueOrDefault(questionId);
        public double? Score(int nodeIndex) => nodeIndex == 0 ? 0.5 : null;
    }

    private static FormulaValue Evaluate(string formula, Action<Context>? setUp = null)
    {
        var context = new Context();
        setUp?.Invoke(context);
        return Formula.Parse(formula).Evaluate(context);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("5/4", 1.25)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("min(2/8, 0.5)", 0.25)]
    [InlineData("max (0.1, 2/12)", 2 / 12.0)]
    [InlineData("-1 + 3", 2)]
    public void ComputeArithmetic(string formula, double expected) =>
        Assert.Equal(expected, Evaluate(formula).Number, 12);

    [Theory]
    [InlineData("VRAI")]
    [InlineData("vrai et Vrai")]
    [InlineData("FAUX ou VRAI")]
    [InlineData("SI 1 < 2 ALORS vrai SINON faux")]
    [InlineData("2 >= 2 et 3 <= 4 et 1 = 1")]
    public void ReadKeywordsInAnyCase(string formula) => Assert.True(Evaluate(formula).IsTrue);

    [Fact]
    public void AllowLineBreaksAndSpacesInsideCalls()
    {
        const string formula = "si reponse (AOM_1, NON)\n  et identite(type,\n EPCI) alors 2/12";

        var value = Evaluate(formula, c =>
        {
            c.Answers["AOM_1"] = FormulaValue.False;
            c.Identity["type"] = ["EPCI"];
        });

        Assert.Equal(2 / 12.0, value.Number, 12);
    }

    [Fact]
    public void YieldNullWithoutSinonWhenTheConditionIsFalse() =>
        Assert.True(Evaluate("si identite(type, commune) alors 0.5").IsNull);

    [Fact]
    public void CompareAMissingAnswerAsFalse()
    {
        Assert.False(Evaluate("reponse(AOM_1, OUI)").IsTrue);
        Assert.False(Evaluate("reponse(AOM_1, NON)").IsTrue);
        Assert.Equal(3, Evaluate("si reponse(AOM_1, NON) alors 2 sinon 3").Number);
    }

    [Fact]
    public void MakeTheWholeFormulaNullWhenItNeedsAMissingNumericAnswer()
    {
        Assert.True(Evaluate("max(reponse(AOM_2), 0.5)").IsNull);
        Assert.True(Evaluate("si VRAI alors reponse(AOM_2) * 10/8 sinon 1").IsNull);
        Assert.True(Evaluate("si reponse(AOM_2) > 0.5 ou VRAI alors 1").IsNull);
        Assert.Equal(1, Evaluate("si VRAI alors 1 sinon reponse(AOM_2)").Number);
    }

    [Fact]
    public void UseANumericAnswer() =>
        Assert.Equal(0.625, Evaluate("max(reponse(AOM_2) * 10/8, 5/8)", c => c.Answers["AOM_2"] = FormulaValue.Of(0.2)).Number, 12);

    [Fact]
    public void YieldNullOnDivisionByZeroAndThroughArithmetic()
    {
        Assert.True(Evaluate("1/0").IsNull);
        Assert.True(Evaluate("1 + (si FAUX alors 1)").IsNull);
        Assert.True(Evaluate("min((si FAUX alors 1), 2)").IsNull);
    }

    [Fact]
    public void TreatNullAsFalseInEtAndOu()
    {
        Assert.False(Evaluate("(si FAUX alors VRAI) et VRAI").IsTrue);
        Assert.True(Evaluate("(si FAUX alors VRAI) ou VRAI").IsTrue);
        Assert.Equal(ValueKind.Boolean, Evaluate("(si FAUX alors VRAI) ou FAUX").Kind);
    }

    [Fact]
    public void YieldNullForTheScoreOfAnUnknownNode()
    {
        Assert.True(Evaluate("score(cae_9.9)").IsNull); // never resolved: index -1
        Assert.True(Evaluate("min(score(cae_9.9), 1)").IsNull);
    }

    [Fact]
    public void ChainSinonSi()
    {
        const string formula = "si identite(type, commune) alors 1 sinon si identite(type, EPCI) alors 2 sinon 3";

        Assert.Equal(2, Evaluate(formula, c => c.Identity["type"] = ["EPCI"]).Number);
        Assert.Equal(3, Evaluate(formula).Number);
    }

    [Theory]
    [InlineData("si VRAI 1", 1, 9, "'alors'")]
    [InlineData("min(1 2)", 1, 7, "','")]
    [InlineData("identite(type)", 1, 14, "','")]
    [InlineData("1 +", 1, 4, "ends too early")]
    [InlineData("reponse(AOM_1, NON", 1, 19, "ends too early")]
    [InlineData("1 $ 2", 1, 3, "unexpected character '$'")]
    [InlineData("si VRAI alors 1\nsinon sinon 2", 2, 7, "unexpected 'sinon'")]
    [InlineData("1 2", 1, 3, "unexpected '2'")]
    public void ReportWhereAFormulaDoesNotParse(string formula, int line, int column, string message)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => Formula.Parse(formula));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }
}
