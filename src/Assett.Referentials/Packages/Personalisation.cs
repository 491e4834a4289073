using Assett.Referentials.Formulas;

namespace Assett.Referentials.Packages;

public enum QuestionType
{
    Binaire,
    Proportion,
    Choix,
}

public sealed record Choice(string Id, string Text);

/// <summary>A personalisation question: its answer decides which rules apply to an organisation.</summary>
public sealed class Question
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required QuestionType Type { get; init; }
    public string? ThematiqueId { get; init; }

    /// <summary>The nodes of this referential the question concerns (those of other referentials are dropped with a warning).</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    public int? Ordonnancement { get; init; }
    public IReadOnlyList<string> TypesConcernes { get; init; } = [];
    public List<Choice> Choices { get; } = [];
    public string Description { get; internal set; } = "";
    public required string File { get; init; }
    public required int Line { get; init; }
}

public enum RuleKind
{
    Desactivation,
    Reduction,
    ScoreRealise,
}

/// <summary>A personalisation rule on a node: désactivation, réduction de potentiel or score réalisé.</summary>
public sealed class PersonalisationRule
{
    public required string ActionId { get; init; }
    public required RuleKind Kind { get; init; }
    public required Formula Formula { get; init; }
    public string Explanation { get; init; } = "";
    public required string File { get; init; }

    /// <summary>The line of the formula block's opening fence.</summary>
    public required int Line { get; init; }

    public int NodeIndex { get; internal set; } = -1;
}

/// <summary>An expected evidence document ("preuve") for some nodes.</summary>
public sealed record EvidenceDocument(string Id, string Title, IReadOnlyList<string> Actions, string Description, string File, int Line);

/// <summary>A maturity level: reached when the score % is at least <see cref="MinimumPercent"/>.</summary>
public sealed record MaturityLevel(string Name, double MinimumPercent);
