using Assett.Data.Campaigns;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Reports;

/// <summary>
/// A cohort report as produced: its figures frozen as JSON (aggregates only, no organisation's name,
/// so deleting an organisation leaves nothing of it here: docs/decisions.md). A scheduled report names its
/// <see cref="Period"/> (the schedule's occurrence), which a retried job cannot produce twice.
/// </summary>
public sealed class CohortReport : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }

    /// <summary>The scheduled occurrence (e.g. <c>2027-02-01</c>); null for a report asked for on demand.</summary>
    public string? Period { get; set; }

    /// <summary>Who asked for it, or « planifié ».</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The figures (the web app's <c>ReportFigures</c>), as JSON.</summary>
    public required string Figures { get; set; }
}

internal sealed class CohortReportConfiguration : IEntityTypeConfiguration<CohortReport>
{
    public void Configure(EntityTypeBuilder<CohortReport> report)
    {
        report.Property(r => r.Period).HasMaxLength(10);
        report.Property(r => r.RequestedBy).HasMaxLength(320);
        report.Property(r => r.Figures).HasColumnType("jsonb");
        report.HasIndex(r => new { r.TenantId, r.Period }).IsUnique().HasFilter("period IS NOT NULL");
        report.HasIndex(r => new { r.TenantId, r.CreatedAt });
        report.HasTenantReference<CohortReport, Campaign>(nameof(CohortReport.CampaignId));
    }
}
