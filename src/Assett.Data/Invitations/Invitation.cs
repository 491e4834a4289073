using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Invitations;

/// <summary>A single-use, expiring invitation sent by email; only the hash of its token is stored.</summary>
public sealed class Invitation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public Guid? OrganisationId { get; set; }
    public Guid? CampaignId { get; set; }

    /// <summary>The role the invited person gets in the organisation.</summary>
    public Accounts.MembershipRole Role { get; set; }

    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.Email).HasMaxLength(320);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(32);
        invitation.Property(i => i.CreatedBy).HasMaxLength(320);
        invitation.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        invitation.HasTenantReference<Invitation, Organisation>(nameof(Invitation.OrganisationId));
        invitation.HasTenantReference<Invitation, Campaign>(nameof(Invitation.CampaignId), DeleteBehavior.Restrict);
    }
}
