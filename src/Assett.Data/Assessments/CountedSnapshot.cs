using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Assessments;

/// <summary>
/// The snapshot that counts for an assessment in every cohort figure, export and API answer: its
/// submitted one once submitted, else its current one; none while it is not started (a profile saved
/// before any answer scores it, but it has not started). The view <c>counted_snapshots</c> is that
/// rule, read by LINQ and by hand-written SQL alike; row-level security applies through it
/// (<c>security_invoker</c>).
/// </summary>
public sealed class CountedSnapshot : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CampaignId { get; set; }
    public SnapshotKind Kind { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public double ScorePercent { get; set; }

    public const string CreateViewSql = $"""
        CREATE VIEW counted_snapshots WITH (security_invoker = true) AS
        SELECT s.id, s.tenant_id, s.assessment_id, a.organisation_id, a.campaign_id, s.kind, s.taken_at, s.score_percent
        FROM score_snapshots s
        JOIN assessments a ON a.tenant_id = s.tenant_id AND a.id = s.assessment_id
        WHERE a.state <> '{nameof(AssessmentState.NotStarted)}'
          AND s.kind = CASE WHEN a.state = '{nameof(AssessmentState.Submitted)}' THEN '{nameof(SnapshotKind.Submitted)}'
                            ELSE '{nameof(SnapshotKind.Current)}' END
        """;
}

internal sealed class CountedSnapshotConfiguration : IEntityTypeConfiguration<CountedSnapshot>
{
    public void Configure(EntityTypeBuilder<CountedSnapshot> snapshot)
    {
        snapshot.HasNoKey().ToView("counted_snapshots");
        snapshot.Property(s => s.Kind).HasConversion<string>();
    }
}
