using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Commitments;

/// <summary>
/// An organisation's commitment to a task of its referential: a measurable target (indicator, unit,
/// baseline, target value) or a plain deliverable, a due date and who carries it. It belongs to the
/// organisation, not to an assessment: it stays in the plan after a submission, and an open one moves
/// on to the next campaign (<see cref="CampaignId"/>) with its history (<see cref="CommitmentEvent"/>).
/// </summary>
public sealed class Commitment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>The campaign whose plan it is in now: where it was made, or where it was carried over to.</summary>
    public Guid CampaignId { get; set; }

    public required string NodeId { get; set; }

    /// <summary>A measurable target: what is measured, in which unit, from which value to which.</summary>
    public string? Indicator { get; set; }

    public string? Unit { get; set; }
    public decimal? Baseline { get; set; }
    public decimal? TargetValue { get; set; }

    /// <summary>Or a plain deliverable (« un plan de mobilité signé »): then there is no indicator.</summary>
    public string? Deliverable { get; set; }

    public DateOnly DueDate { get; set; }
    public required string Carrier { get; set; }
    public CommitmentState State { get; set; }

    /// <summary>When it was marked done or abandoned, and by whom.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>The value reached, for a target marked done.</summary>
    public decimal? ReachedValue { get; set; }

    public string? AbandonReason { get; set; }

    /// <summary>When the owner was reminded that it is overdue: once per commitment.</summary>
    public DateTimeOffset? OverdueRemindedAt { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsTarget => Deliverable is null;

    public bool IsOverdue(DateOnly today) => State == CommitmentState.Open && DueDate < today;
}

public enum CommitmentState
{
    Open,
    Done,
    Abandoned,
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> commitment)
    {
        commitment.Property(c => c.NodeId).HasMaxLength(100);
        commitment.Property(c => c.Indicator).HasMaxLength(200);
        commitment.Property(c => c.Unit).HasMaxLength(50);
        commitment.Property(c => c.Deliverable).HasMaxLength(500);
        commitment.Property(c => c.Carrier).HasMaxLength(200);
        commitment.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        commitment.Property(c => c.ClosedBy).HasMaxLength(320);
        commitment.Property(c => c.AbandonReason).HasMaxLength(1000);
        commitment.Property(c => c.CreatedBy).HasMaxLength(320);
        commitment.HasIndex(c => new { c.TenantId, c.OrganisationId, c.State });
        commitment.HasIndex(c => new { c.TenantId, c.CampaignId });
        commitment.HasIndex(c => new { c.TenantId, c.DueDate }).HasFilter("state = 'Open' AND overdue_reminded_at IS NULL");
        commitment.HasTenantReference<Commitment, Organisation>(nameof(Commitment.OrganisationId));
        commitment.HasTenantReference<Commitment, Campaign>(nameof(Commitment.CampaignId), DeleteBehavior.Restrict);
        commitment.ToTable(t => t.HasCheckConstraint("ck_commitments_target",
            "deliverable IS NOT NULL OR (indicator IS NOT NULL AND unit IS NOT NULL AND target_value IS NOT NULL)"));
    }
}
