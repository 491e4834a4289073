using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Tenants;

/// <summary>A territory officer named in the configuration (the contact for reports and reminders).</summary>
public sealed class TenantOfficer : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
}

internal sealed class TenantOfficerConfiguration : IEntityTypeConfiguration<TenantOfficer>
{
    public void Configure(EntityTypeBuilder<TenantOfficer> officer)
    {
        officer.Property(o => o.Name).HasMaxLength(200);
        officer.Property(o => o.Email).HasMaxLength(320);
        officer.HasIndex(o => new { o.TenantId, o.Email }).IsUnique();
    }
}
