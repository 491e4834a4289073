using System.Linq.Expressions;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Audit;
using Assett.Data.Campaigns;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Data.Referentials;
using Assett.Data.Tenancy;
using Assett.Data.Tenants;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data;

/// <summary>
/// Every table of Assett (snake_case), Identity's and OpenIddict's included. A context works for the
/// current tenant: it only reads that tenant's rows (query filter <c>tenant</c>), stamps and checks
/// their <c>TenantId</c> on save, and sets <c>app.tenant_id</c> for row-level security on its connection.
/// </summary>
public sealed class AssettDbContext : IdentityDbContext<AssettUser, IdentityRole<Guid>, Guid>
{
    private readonly IMultiTenantContextAccessor _tenantAccessor;

    public AssettDbContext(DbContextOptions<AssettDbContext> options, IMultiTenantContextAccessor tenantAccessor, TimeProvider? clock = null) : base(options)
    {
        _tenantAccessor = tenantAccessor;
        Clock = clock ?? TimeProvider.System;
    }

    /// <summary>The clock of the host (a test's fake one), for the times the data layer stamps itself.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// The tenant this context reads and writes now, or null (no tenant-owned row at all). Read at each
    /// query, save and connection: a context may be created before the request's tenant is known (the
    /// sign-in cookie's validation builds Identity's stores, and with them this context).
    /// </summary>
    public Guid? CurrentTenantId => _tenantAccessor.Current?.Id;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<TenantOfficer> TenantOfficers => Set<TenantOfficer>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ReferentialVersion> ReferentialVersions => Set<ReferentialVersion>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<TaskStatusEntry> TaskStatuses => Set<TaskStatusEntry>();
    public DbSet<TaskStatusChange> TaskStatusChanges => Set<TaskStatusChange>();
    public DbSet<ScoreSnapshot> ScoreSnapshots => Set<ScoreSnapshot>();
    public DbSet<CountedSnapshot> CountedSnapshots => Set<CountedSnapshot>();
    public DbSet<ActiveMembership> ActiveMemberships => Set<ActiveMembership>();
    public DbSet<ScoreNodeTotal> ScoreNodeTotals => Set<ScoreNodeTotal>();
    public DbSet<Commitments.Commitment> Commitments => Set<Commitments.Commitment>();
    public DbSet<Commitments.CommitmentEvent> CommitmentEvents => Set<Commitments.CommitmentEvent>();
    public DbSet<CharterAcceptance> CharterAcceptances => Set<CharterAcceptance>();
    public DbSet<Bilans.Bilan> Bilans => Set<Bilans.Bilan>();
    public DbSet<Meetings.Meeting> Meetings => Set<Meetings.Meeting>();
    public DbSet<Meetings.MeetingRegistration> MeetingRegistrations => Set<Meetings.MeetingRegistration>();
    public DbSet<Meetings.MeetingMaterial> MeetingMaterials => Set<Meetings.MeetingMaterial>();
    public DbSet<Meetings.MeetingMailOptOut> MeetingMailOptOuts => Set<Meetings.MeetingMailOptOut>();
    public DbSet<Labelling.EvidenceConfirmation> EvidenceConfirmations => Set<Labelling.EvidenceConfirmation>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ReminderOptOut> ReminderOptOuts => Set<ReminderOptOut>();
    public DbSet<Reports.CohortReport> CohortReports => Set<Reports.CohortReport>();
    public DbSet<Reports.NationalFigureSet> NationalFigureSets => Set<Reports.NationalFigureSet>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Platform.PlatformSetting> PlatformSettings => Set<Platform.PlatformSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables (OpenIddict's come from UseOpenIddict on the options)
        NameLibraryTables(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AssettDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && !e.IsOwned()))
        {
            var builder = modelBuilder.Entity(entity.ClrType);
            builder.HasQueryFilter(TenantModelConventions.FilterName, TenantFilter(entity.ClrType));
            if (entity.IsKeyless) continue; // a view: its tables carry the keys
            builder.HasAlternateKey(nameof(ITenantOwned.TenantId), "Id");
            builder.HasOne(typeof(Tenant)).WithMany().HasForeignKey(nameof(ITenantOwned.TenantId)).OnDelete(DeleteBehavior.Cascade);
        }
    }

    /// <summary>Identity's and OpenIddict's tables named like the others (snake_case, plain words).</summary>
    private static void NameLibraryTables(ModelBuilder modelBuilder)
    {
        var names = new Dictionary<string, string>
        {
            ["AspNetUsers"] = "users", ["AspNetRoles"] = "roles", ["AspNetUserClaims"] = "user_claims",
            ["AspNetUserLogins"] = "user_logins", ["AspNetUserRoles"] = "user_roles", ["AspNetUserTokens"] = "user_tokens",
            ["AspNetRoleClaims"] = "role_claims", ["OpenIddictApplications"] = "oauth_applications",
            ["OpenIddictAuthorizations"] = "oauth_authorizations", ["OpenIddictScopes"] = "oauth_scopes", ["OpenIddictTokens"] = "oauth_tokens",
        };
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            if (entity.GetTableName() is { } table && names.TryGetValue(table, out var name))
                entity.SetTableName(name);
    }

    /// <summary><c>e => e.TenantId == CurrentTenantId</c>; reading a member of this context makes the id a SQL parameter.</summary>
    private LambdaExpression TenantFilter(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckTenants();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckTenants();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Stamps new tenant-owned rows with this context's tenant; refuses any other tenant, or no tenant.</summary>
    private void CheckTenants()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var type = entry.Entity.GetType().Name;
            if (CurrentTenantId is not { } tenant)
                throw new TenantIsolationException($"A {type} cannot be saved without a current tenant.");
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
                entry.Entity.TenantId = tenant;
            else if (entry.Entity.TenantId != tenant)
                throw new TenantIsolationException($"A {type} of tenant {entry.Entity.TenantId} cannot be saved in tenant {tenant}.");
        }
    }
}
