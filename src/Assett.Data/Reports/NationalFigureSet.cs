using Assett.Data.Campaigns;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Reports;

/// <summary>
/// A territory's part of the console's national figures for one of its campaigns, computed ahead from its counted
/// snapshots on the national nodes (the web app's <c>NationalFigureSets</c>): the console reads one such row per
/// territory instead of 80,000 scores. Aggregates only: scores without their organisation, groups of every size (the
/// console leaves out the small ones).
/// </summary>
public sealed class NationalFigureSet : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    public int Invited { get; set; }
    public int Registered { get; set; }
    public int Started { get; set; }
    public int Submitted { get; set; }

    /// <summary>The national themes' titles: the campaign's axes, then those of the campaign before it.</summary>
    public List<ThemeTitle> Themes { get; set; } = [];

    /// <summary>The organisations' scores, by node (<c>""</c>: overall), NAF section and headcount, in the order of <see cref="Percents"/>.</summary>
    public List<ScoreCell> Cells { get; set; } = [];

    /// <summary>Every cell's score %, one cell after another (each <see cref="ScoreCell.Scores"/> long), sorted within each.</summary>
    public double[] Percents { get; set; } = [];

    /// <summary>The median score, then and now, of the organisations scored on a node in this campaign and the one before.</summary>
    public List<ProgressFigure> Progress { get; set; } = [];
}

public sealed record ThemeTitle(string Id, string Title);

public sealed record ScoreCell(string NodeId, string? NafSection, string? Headcount, int Scores);

public sealed record ProgressFigure(string NodeId, int Organisations, double Before, double After);

internal sealed class NationalFigureSetConfiguration : IEntityTypeConfiguration<NationalFigureSet>
{
    public void Configure(EntityTypeBuilder<NationalFigureSet> set)
    {
        set.Property(s => s.Themes).AsJson();
        set.Property(s => s.Cells).AsJson();
        set.Property(s => s.Progress).AsJson();
        set.HasIndex(s => new { s.TenantId, s.CampaignId }).IsUnique();
        set.HasTenantReference<NationalFigureSet, Campaign>(nameof(NationalFigureSet.CampaignId));
    }
}
