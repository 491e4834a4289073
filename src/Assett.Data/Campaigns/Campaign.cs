using Assett.Data.Referentials;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Campaigns;

/// <summary>A yearly self-assessment campaign of a territory, on one referential version.</summary>
public sealed class Campaign : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public Guid ReferentialVersionId { get; set; }
    public CampaignState State { get; set; }

    /// <summary>
    /// When it opened and closed, by an officer or on its dates. The calendar acts once, only where
    /// nothing happened yet: it never undoes an officer's open or close (docs/decisions.md).
    /// </summary>
    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

public enum CampaignState
{
    Planned,
    Open,
    Closed,
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.Property(c => c.Name).HasMaxLength(200);
        campaign.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        campaign.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
        campaign.HasTenantReference<Campaign, ReferentialVersion>(nameof(Campaign.ReferentialVersionId), DeleteBehavior.Restrict);
        campaign.ToTable(t => t.HasCheckConstraint("ck_campaigns_window", "opens_on <= closes_on"));
    }
}
