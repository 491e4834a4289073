using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Bilans;

/// <summary>
/// An organisation's annual bilan for a campaign: its figures frozen as JSON when the campaign closes
/// (or on demand after a submission). They belong to the organisation and go with it; the page and
/// the PDF are drawn from them (docs/decisions.md).
/// </summary>
public sealed class Bilan : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CampaignId { get; set; }
    public DateTimeOffset FrozenAt { get; set; }

    /// <summary>The figures (the web app's <c>BilanFigures</c>), as JSON.</summary>
    public required string Figures { get; set; }
}

internal sealed class BilanConfiguration : IEntityTypeConfiguration<Bilan>
{
    public void Configure(EntityTypeBuilder<Bilan> bilan)
    {
        bilan.Property(b => b.Figures).HasColumnType("jsonb");
        bilan.HasIndex(b => new { b.TenantId, b.OrganisationId, b.CampaignId }).IsUnique();
        bilan.HasIndex(b => new { b.TenantId, b.CampaignId });
        bilan.HasTenantReference<Bilan, Organisation>(nameof(Bilan.OrganisationId));
        bilan.HasTenantReference<Bilan, Campaign>(nameof(Bilan.CampaignId));
    }
}
