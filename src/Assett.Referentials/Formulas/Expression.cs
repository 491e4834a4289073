using System.Globalization;

namespace Assett.Referentials.Formulas;

/// <summary>A node of a parsed formula. Evaluation never allocates.</summary>
public abstract class Expression
{
    internal abstract FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state);

    /// <summary>Calls inside this expression, for validation against the package.</summary>
    internal virtual IEnumerable<Expression> Children => [];

    public IEnumerable<Expression> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
            foreach (var descendant in child.DescendantsAndSelf())
                yield return descendant;
    }
}

/// <summary>Set when a formula needed the numeric answer of an unanswered question: the whole formula is then null.</summary>
internal struct EvaluationState
{
    public bool NeededMissingAnswer;
}

internal sealed class Literal(FormulaValue value) : Expression
{
    public FormulaValue Value { get; } = value;
    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state) => Value;
}

/// <summary>A bare name, read as text (a tag, a choice id).</summary>
internal sealed class Name(string text) : Expression
{
    public string Text { get; } = text;
    private readonly FormulaValue _value = FormulaValue.OfText(text);
    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state) => _value;
}

internal sealed class IdentityCall(string field, string tag) : Expression
{
    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state) =>
        FormulaValue.Of(context.HasIdentityTag(field, tag));
}

/// <summary><c>reponse(q, v)</c>: compares the answer (false when missing); <c>reponse(q)</c>: the answer itself.</summary>
internal sealed class AnswerCall(string questionId, Expression? expected, int line, int column) : Expression
{
    public string QuestionId { get; } = questionId;
    public Expression? Expected { get; } = expected;
    public int Line { get; } = line;
    public int Column { get; } = column;

    internal override IEnumerable<Expression> Children => Expected is null ? [] : [Expected];

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state)
    {
        var answer = context.Answer(QuestionId);
        if (Expected is null)
        {
            if (answer.IsNull) state.NeededMissingAnswer = true;
            return answer;
        }
        if (answer.IsNull) return FormulaValue.False;
        return FormulaValue.Of(Operations.AreEqual(answer, Expected.Evaluate(context, ref state)));
    }
}

internal sealed class ScoreCall(string nodeId, int line, int column) : Expression
{
    public string NodeId { get; } = nodeId;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>Resolved when the package is built; -1 when the node does not exist (the call yields null).</summary>
    public int NodeIndex { get; set; } = -1;

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state) =>
        NodeIndex >= 0 && context.Score(NodeIndex) is { } score ? FormulaValue.Of(score) : FormulaValue.Null;
}

internal sealed class MinMax(bool isMax, Expression left, Expression right) : Expression
{
    internal override IEnumerable<Expression> Children => [left, right];

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state)
    {
        var a = left.Evaluate(context, ref state).AsNumber;
        var b = right.Evaluate(context, ref state).AsNumber;
        if (a is null || b is null) return FormulaValue.Null;
        return FormulaValue.Of(isMax ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value));
    }
}

internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

internal sealed class Binary(BinaryOperator op, Expression left, Expression right) : Expression
{
    internal override IEnumerable<Expression> Children => [left, right];

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state)
    {
        switch (op)
        {
            case BinaryOperator.And:
                // Both sides are evaluated so that a missing numeric answer on either side is noticed.
                var andLeft = left.Evaluate(context, ref state).IsTrue;
                return FormulaValue.Of(right.Evaluate(context, ref state).IsTrue && andLeft);
            case BinaryOperator.Or:
                var orLeft = left.Evaluate(context, ref state).IsTrue;
                return FormulaValue.Of(right.Evaluate(context, ref state).IsTrue || orLeft);
        }

        var l = left.Evaluate(context, ref state);
        var r = right.Evaluate(context, ref state);
        if (l.IsNull || r.IsNull) return FormulaValue.Null;
        if (op == BinaryOperator.Equal) return FormulaValue.Of(Operations.AreEqual(l, r));
        if (l.AsNumber is not { } a || r.AsNumber is not { } b) return FormulaValue.Null;
        return op switch
        {
            BinaryOperator.Less => FormulaValue.Of(a < b),
            BinaryOperator.Greater => FormulaValue.Of(a > b),
            BinaryOperator.LessOrEqual => FormulaValue.Of(a <= b),
            BinaryOperator.GreaterOrEqual => FormulaValue.Of(a >= b),
            BinaryOperator.Add => FormulaValue.Of(a + b),
            BinaryOperator.Subtract => FormulaValue.Of(a - b),
            BinaryOperator.Multiply => FormulaValue.Of(a * b),
            _ => b == 0 ? FormulaValue.Null : FormulaValue.Of(a / b),
        };
    }
}

internal sealed class Negation(Expression operand) : Expression
{
    internal override IEnumerable<Expression> Children => [operand];

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state) =>
        operand.Evaluate(context, ref state).AsNumber is { } n ? FormulaValue.Of(-n) : FormulaValue.Null;
}

/// <summary><c>si … alors … [sinon …]</c>: null when the condition is false and there is no <c>sinon</c>.</summary>
internal sealed class Conditional(Expression condition, Expression then, Expression? otherwise) : Expression
{
    internal override IEnumerable<Expression> Children => otherwise is null ? [condition, then] : [condition, then, otherwise];

    internal override FormulaValue Evaluate(IFormulaContext context, ref EvaluationState state)
    {
        if (condition.Evaluate(context, ref state).IsTrue) return then.Evaluate(context, ref state);
        return otherwise?.Evaluate(context, ref state) ?? FormulaValue.Null;
    }
}

internal static class Operations
{
    public static bool AreEqual(FormulaValue a, FormulaValue b)
    {
        if (a.Kind == ValueKind.Text || b.Kind == ValueKind.Text)
            return string.Equals(Text(a), Text(b), StringComparison.OrdinalIgnoreCase);
        if (a.Kind == ValueKind.Boolean && b.Kind == ValueKind.Boolean) return a.Boolean == b.Boolean;
        return a.AsNumber is { } x && b.AsNumber is { } y && Math.Abs(x - y) < 1e-9;
    }

    private static string? Text(FormulaValue value) => value.Kind switch
    {
        ValueKind.Text => value.Text,
        ValueKind.Boolean => value.Boolean ? "OUI" : "NON",
        ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
