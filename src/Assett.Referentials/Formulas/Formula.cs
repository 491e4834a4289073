namespace Assett.Referentials.Formulas;

/// <summary>A parsed formula with its source text.</summary>
public sealed class Formula(string source, Expression root)
{
    public string Source { get; } = source;
    public Expression Root { get; } = root;

    public static Formula Parse(string source) => new(source, FormulaParser.Parse(source));

    /// <summary>Evaluates the formula; it is null as a whole when it needed the numeric answer of an unanswered question.</summary>
    public FormulaValue Evaluate(IFormulaContext context)
    {
        var state = new EvaluationState();
        var value = Root.Evaluate(context, ref state);
        return state.NeededMissingAnswer ? FormulaValue.Null : value;
    }
}
