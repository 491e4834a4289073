using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Assessments;

/// <summary>
/// The current status of one sub-action or task of an assessment. <see cref="Version"/> (PostgreSQL's
/// <c>xmin</c>) detects concurrent edits; every change is also kept in <see cref="TaskStatusChange"/>.
/// </summary>
public sealed class TaskStatusEntry : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public required string NodeId { get; set; }
    public required StatusValue Status { get; set; }
    public string? Comment { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>
/// A status as stored: <c>fait</c>, <c>programme</c>, <c>pas_fait</c>, <c>detaille</c> (with its
/// split), <c>non_concerne</c> or <c>non_renseigne</c>.
/// </summary>
public sealed record StatusValue(string Kind, double Fait = 0, double Programme = 0, double PasFait = 0);

/// <summary>One change of a task's status: who, when, from what to what, and why.</summary>
public sealed class TaskStatusChange : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public required string NodeId { get; set; }
    public StatusValue? Previous { get; set; }
    public required StatusValue Status { get; set; }
    public string? Comment { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class TaskStatusEntryConfiguration : IEntityTypeConfiguration<TaskStatusEntry>
{
    public void Configure(EntityTypeBuilder<TaskStatusEntry> entry)
    {
        entry.ToTable("task_statuses");
        entry.Property(e => e.NodeId).HasMaxLength(100);
        entry.Property(e => e.UpdatedBy).HasMaxLength(320);
        entry.OwnsOne(e => e.Status, status => status.Property(s => s.Kind).HasMaxLength(16));
        entry.Property(e => e.Version).IsRowVersion();
        entry.HasIndex(e => new { e.TenantId, e.AssessmentId, e.NodeId }).IsUnique();
        entry.HasTenantReference<TaskStatusEntry, Assessment>(nameof(TaskStatusEntry.AssessmentId));
    }
}

internal sealed class TaskStatusChangeConfiguration : IEntityTypeConfiguration<TaskStatusChange>
{
    public void Configure(EntityTypeBuilder<TaskStatusChange> change)
    {
        change.ToTable("task_status_changes");
        change.Property(c => c.NodeId).HasMaxLength(100);
        change.Property(c => c.ChangedBy).HasMaxLength(320);
        change.OwnsOne(c => c.Previous, status => status.Property(s => s.Kind).HasMaxLength(16));
        change.OwnsOne(c => c.Status, status => status.Property(s => s.Kind).HasMaxLength(16));
        change.HasIndex(c => new { c.TenantId, c.AssessmentId, c.NodeId, c.ChangedAt });
        change.HasTenantReference<TaskStatusChange, Assessment>(nameof(TaskStatusChange.AssessmentId));
    }
}
