using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Organisations;

/// <summary>
/// An organisation's acceptance of one version of its territory's charter of engagement: who and
/// when. Every version accepted is kept; the first acceptance is the organisation's date of joining
/// (docs/decisions.md).
/// </summary>
public sealed class CharterAcceptance : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset AcceptedAt { get; set; }
    public required string AcceptedBy { get; set; }
}

internal sealed class CharterAcceptanceConfiguration : IEntityTypeConfiguration<CharterAcceptance>
{
    public void Configure(EntityTypeBuilder<CharterAcceptance> acceptance)
    {
        acceptance.Property(a => a.AcceptedBy).HasMaxLength(320);
        acceptance.HasIndex(a => new { a.TenantId, a.OrganisationId, a.Version }).IsUnique();
        acceptance.HasTenantReference<CharterAcceptance, Organisation>(nameof(CharterAcceptance.OrganisationId));
    }
}
