using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Tenancy;

internal static class TenantModelConventions
{
    public const string FilterName = "tenant";

    /// <summary>
    /// A reference from one tenant-owned row to another through (tenant_id, id): the database itself
    /// refuses a row pointing to another tenant's row (foreign keys bypass row-level security).
    /// </summary>
    public static ReferenceCollectionBuilder<TPrincipal, TDependent> HasTenantReference<TDependent, TPrincipal>(
        this EntityTypeBuilder<TDependent> builder, string foreignKey, DeleteBehavior onDelete = DeleteBehavior.Cascade)
        where TDependent : class, ITenantOwned
        where TPrincipal : class, ITenantOwned =>
        builder.HasOne<TPrincipal>().WithMany()
            .HasForeignKey(nameof(ITenantOwned.TenantId), foreignKey)
            .HasPrincipalKey(nameof(ITenantOwned.TenantId), "Id")
            .OnDelete(onDelete);
}
