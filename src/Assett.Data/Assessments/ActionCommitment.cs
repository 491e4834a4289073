using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Assessments;

/// <summary>An organisation's commitment to a task of its action plan: a target date and who is in charge.</summary>
public sealed class ActionCommitment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public required string NodeId { get; set; }
    public DateOnly TargetDate { get; set; }
    public required string ResponsibleName { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class ActionCommitmentConfiguration : IEntityTypeConfiguration<ActionCommitment>
{
    public void Configure(EntityTypeBuilder<ActionCommitment> commitment)
    {
        commitment.Property(c => c.NodeId).HasMaxLength(100);
        commitment.Property(c => c.ResponsibleName).HasMaxLength(200);
        commitment.Property(c => c.CreatedBy).HasMaxLength(320);
        commitment.HasIndex(c => new { c.TenantId, c.AssessmentId, c.NodeId });
        commitment.HasTenantReference<ActionCommitment, Assessment>(nameof(ActionCommitment.AssessmentId));
    }
}
