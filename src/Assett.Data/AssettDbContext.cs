using Assett.Data.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data;

/// <summary>Every table of Assett. Tables and columns are snake_case.</summary>
public sealed class AssettDbContext(DbContextOptions<AssettDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.Property(t => t.Identifier).HasMaxLength(64);
            tenant.Property(t => t.Name).HasMaxLength(200);
            tenant.HasIndex(t => t.Identifier).IsUnique();
        });
    }
}
