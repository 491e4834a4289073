using Assett.Data.Referentials;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Assessments;

/// <summary>
/// An assessment's score: its <see cref="SnapshotKind.Current"/> one, kept up to date at every answer, or
/// the one frozen when it was <see cref="SnapshotKind.Submitted"/>. Root totals are columns, each theme's totals are
/// rows (<see cref="ScoreNodeTotal"/>); both also keep their national part (without the territory's local nodes), which
/// the national figures read. Dashboards read these, never raw answers.
/// </summary>
public sealed class ScoreSnapshot : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid ReferentialVersionId { get; set; }
    public SnapshotKind Kind { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public double PointFait { get; set; }
    public double PointProgramme { get; set; }
    public double PointPasFait { get; set; }
    public double PointPotentiel { get; set; }
    public double ScorePercent { get; set; }

    /// <summary>Point fait and potential without the territory's local nodes (<see cref="ScoreSnapshotBuilder"/>).</summary>
    public double NationalFait { get; set; }

    public double NationalPotentiel { get; set; }
}

public enum SnapshotKind
{
    Current,
    Submitted,
}

/// <summary>The totals of one theme in a snapshot.</summary>
public sealed class ScoreNodeTotal : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid SnapshotId { get; set; }
    public required string NodeId { get; set; }
    public double PointFait { get; set; }
    public double PointProgramme { get; set; }
    public double PointPasFait { get; set; }
    public double PointPotentiel { get; set; }

    /// <summary>Point fait and potential without the territory's local nodes: 0 for a theme the territory adds.</summary>
    public double NationalFait { get; set; }

    public double NationalPotentiel { get; set; }
}

internal sealed class ScoreSnapshotConfiguration : IEntityTypeConfiguration<ScoreSnapshot>
{
    public void Configure(EntityTypeBuilder<ScoreSnapshot> snapshot)
    {
        snapshot.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        snapshot.HasIndex(s => new { s.TenantId, s.AssessmentId, s.Kind })
            .IsUnique().HasFilter("kind = 'Current'");
        snapshot.HasTenantReference<ScoreSnapshot, Assessment>(nameof(ScoreSnapshot.AssessmentId));
        snapshot.HasTenantReference<ScoreSnapshot, ReferentialVersion>(nameof(ScoreSnapshot.ReferentialVersionId), DeleteBehavior.Restrict);
    }
}

internal sealed class ScoreNodeTotalConfiguration : IEntityTypeConfiguration<ScoreNodeTotal>
{
    public void Configure(EntityTypeBuilder<ScoreNodeTotal> total)
    {
        total.Property(t => t.NodeId).HasMaxLength(100);
        total.HasIndex(t => new { t.TenantId, t.SnapshotId, t.NodeId }).IsUnique();
        total.HasTenantReference<ScoreNodeTotal, ScoreSnapshot>(nameof(ScoreNodeTotal.SnapshotId));
    }
}
