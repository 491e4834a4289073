namespace Assett.Web.Features.Shared.Bilans;

/// <summary>
/// An organisation's bilan for a campaign, as frozen (the JSON of <see cref="Data.Bilans.Bilan"/>): what
/// the page, the PDF and the officer's table are drawn from, and nothing else.
/// </summary>
public sealed record BilanFigures(string Organisation, string Territory, string Campaign, string? PreviousCampaign, bool Submitted,
    DateOnly FrozenOn, BilanScore Overall, IReadOnlyList<BilanTheme> Themes, IReadOnlyList<BilanCommitment> Done,
    IReadOnlyList<BilanCommitment> Overdue, IReadOnlyList<BilanCommitment> CarriedOver, IReadOnlyList<BilanMeeting> Meetings,
    IReadOnlyList<BilanStep> NextSteps);

/// <summary>A score (%) and its maturity level, beside the previous campaign's.</summary>
public sealed record BilanScore(double? Percent, string? Level, double? PreviousPercent, string? PreviousLevel);

public sealed record BilanTheme(string Id, string Title, BilanScore Score);

public sealed record BilanCommitment(string Task, string Target, DateOnly DueDate, string Carrier, string? Reached);

/// <summary>A meeting of the territory the organisation attended within the campaign's window.</summary>
public sealed record BilanMeeting(string Title, DateOnly Day);

/// <summary>A next step the toolbox proposes: a sub-action of a measure and the points it would add.</summary>
public sealed record BilanStep(string Measure, string Step, double Points);
