using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Commitments;

/// <summary>One step of a commitment's history: made, changed, done, abandoned, carried over to a campaign.</summary>
public sealed class CommitmentEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid CommitmentId { get; set; }
    public CommitmentEventKind Kind { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Who did it; null for what the platform did itself (a carry-over).</summary>
    public string? Actor { get; set; }

    /// <summary>What changed, in words (« échéance : 30 juin 2027 → 30 septembre 2027 »).</summary>
    public required string Detail { get; set; }
}

public enum CommitmentEventKind
{
    Created,
    Edited,
    Done,
    Abandoned,
    CarriedOver,
}

internal sealed class CommitmentEventConfiguration : IEntityTypeConfiguration<CommitmentEvent>
{
    public void Configure(EntityTypeBuilder<CommitmentEvent> change)
    {
        change.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        change.Property(e => e.Actor).HasMaxLength(320);
        change.Property(e => e.Detail).HasMaxLength(2000);
        change.HasIndex(e => new { e.TenantId, e.CommitmentId, e.At });
        change.HasTenantReference<CommitmentEvent, Commitment>(nameof(CommitmentEvent.CommitmentId));
    }
}
