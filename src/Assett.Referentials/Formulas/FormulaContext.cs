namespace Assett.Referentials.Formulas;

/// <summary>What a formula reads: the organisation's identity, its answers and, for score réalisé, node scores.</summary>
public interface IFormulaContext
{
    /// <summary>Is <paramref name="tag"/> among the organisation's tags for <paramref name="field"/>?</summary>
    bool HasIdentityTag(string field, string tag);

    /// <summary>The answer to a question (a boolean for binaire, a number for proportion, a choice id for choix), or null.</summary>
    FormulaValue Answer(string questionId);

    /// <summary>The score ratio (point fait / potentiel) of a node by its index, or null when not available.</summary>
    double? Score(int nodeIndex);
}
