using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Labelling;

/// <summary>
/// The status a territory officer confirmed for a task of « Territoire engagé » (the proposed one or
/// another): the one the territory's measures are scored from, and the one its evidence states.
/// </summary>
public sealed class EvidenceConfirmation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string CaeId { get; set; }
    public EvidenceStatus Status { get; set; }
    public required string ConfirmedBy { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
}

internal sealed class EvidenceConfirmationConfiguration : IEntityTypeConfiguration<EvidenceConfirmation>
{
    public void Configure(EntityTypeBuilder<EvidenceConfirmation> confirmation)
    {
        confirmation.Property(c => c.CaeId).HasMaxLength(100);
        confirmation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        confirmation.Property(c => c.ConfirmedBy).HasMaxLength(320);
        confirmation.HasIndex(c => new { c.TenantId, c.CaeId }).IsUnique();
    }
}
