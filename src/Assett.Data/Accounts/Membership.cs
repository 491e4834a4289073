using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Accounts;

/// <summary>
/// What a person may do in one territory: a role in one of its organisations, or an officer's role
/// for the whole territory. Memberships are checked against the resolved tenant, never used to choose it.
/// </summary>
public sealed class Membership : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The organisation for an organisation role; null for an officer.</summary>
    public Guid? OrganisationId { get; set; }

    public MembershipRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum MembershipRole
{
    OrganisationOwner,
    OrganisationEditor,
    OrganisationReader,
    OfficerAdmin,
    OfficerReader,
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        membership.HasIndex(m => new { m.TenantId, m.UserId, m.OrganisationId }).IsUnique().AreNullsDistinct(false);
        membership.HasOne<AssettUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        membership.HasTenantReference<Membership, Organisation>(nameof(Membership.OrganisationId));
        membership.ToTable(t => t.HasCheckConstraint("ck_memberships_role",
            "(organisation_id IS NULL) = (role IN ('OfficerAdmin', 'OfficerReader'))"));
    }
}
