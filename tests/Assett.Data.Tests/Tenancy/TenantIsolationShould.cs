using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Assett.Data.Tests.Tenancy;

/// <summary>
/// The leakage kit: two tenants with one row of every tenant-owned entity; each way in (EF Core, raw
/// SQL as the application role, no tenant, nested scopes, parallel requests) sees only its own tenant.
/// </summary>
public sealed class TenantIsolationShould(PostgresServer server) : IAsyncLifetime
{
    private readonly MultiTenantContextAccessor _accessor = new();
    private TestDatabase _database = null!;
    private TenantSamples _samples = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        _samples = await TenantSamples.CreateAsync(_database.AppConnectionString);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private AssettDbContext Context() => AssettDbContextOptions.Create(_database.AppConnectionString);

    /// <summary>The tenant-owned tables; views (<see cref="EnforceTheReadersRowLevelSecurityThroughEveryView"/>) read theirs.</summary>
    private static IReadOnlyList<IEntityType> TenantOwnedEntities(AssettDbContext db) =>
        db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && !e.IsOwned() && e.GetTableName() is not null).ToList();

    private static IQueryable<object> Rows(AssettDbContext db, Type type) =>
        (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!;

    [Fact]
    public async Task HaveASampleOfEveryTenantOwnedEntity()
    {
        await using var db = Context();

        var entities = TenantOwnedEntities(db).Select(e => e.ClrType).OrderBy(t => t.Name);

        Assert.Equal(entities, _samples.Ids.Keys.Select(k => k.Type).Distinct().OrderBy(t => t.Name));
    }

    /// <summary>
    /// The tenant is set per transaction, never for the session: behind a pooler in transaction mode
    /// the connection's next transaction may be another client's (docs/security.md).
    /// </summary>
    [Fact]
    public async Task SetTheTenantForEachTransactionAndLeaveNothingOnTheConnection()
    {
        using var scope = _accessor.Change(_samples.A);
        await using var db = Context();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        async Task<string?> SettingAsync(NpgsqlTransaction? transaction = null)
        {
            await using var command = new NpgsqlCommand("SELECT current_setting('app.tenant_id', true)", connection, transaction);
            return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        var organisations = await db.Organisations.CountAsync(TestContext.Current.CancellationToken);
        var afterAQuery = await SettingAsync();
        string? inATransaction;
        await using (var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            inATransaction = await SettingAsync((NpgsqlTransaction)transaction.GetDbTransaction());
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }
        var afterTheTransaction = await SettingAsync();
        var updated = await db.Organisations.Where(o => o.Id != Guid.Empty).ExecuteUpdateAsync(o => o.SetProperty(x => x.Name, x => x.Name),
            TestContext.Current.CancellationToken);

        Assert.Equal(1, organisations);
        Assert.True(string.IsNullOrEmpty(afterAQuery), afterAQuery);
        Assert.Equal(_samples.A.Id.ToString(), inATransaction);
        Assert.True(string.IsNullOrEmpty(afterTheTransaction), afterTheTransaction);
        Assert.Equal(1, updated); // the rows the statement changed, not the tenant's statement before it
    }

    [Fact]
    public async Task ShowEachTenantOnlyItsOwnRowsThroughEfCore()
    {
        foreach (var tenant in new[] { _samples.A, _samples.B })
        {
            using var scope = _accessor.Change(tenant);
            await using var db = Context();
            foreach (var entity in TenantOwnedEntities(db))
            {
                var rows = Rows(db, entity.ClrType).ToList();
                var ids = rows.Select(r => (Guid)entity.FindProperty("Id")!.PropertyInfo!.GetValue(r)!);
                Assert.Equal([_samples.Ids[(entity.ClrType, tenant.Id)]], ids);
            }
        }
    }

    [Fact]
    public async Task ShowEachTenantOnlyItsOwnRowsThroughRawSqlAsTheApplicationRole()
    {
        await using var connection = new NpgsqlConnection(_database.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var db = Context();
        foreach (var tenant in new[] { _samples.A, _samples.B })
        {
            await ExecuteAsync(connection, $"SELECT set_config('app.tenant_id', '{tenant.Id}', false)");
            foreach (var table in TenantOwnedEntities(db).Select(e => e.GetTableName()))
            {
                Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM {table}"));
                Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE tenant_id = '{tenant.Id}'"));
            }
        }
    }

    [Fact]
    public async Task ShowNothingAndWriteNothingWithoutATenant()
    {
        await using (var db = Context())
        {
            foreach (var entity in TenantOwnedEntities(db))
                Assert.Empty(Rows(db, entity.ClrType).ToList());
            db.Organisations.Add(new Organisation { Siret = "73282932000074", Name = "Sans territoire" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var connection = new NpgsqlConnection(_database.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var db2 = Context();
        foreach (var table in TenantOwnedEntities(db2).Select(e => e.GetTableName()))
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM {table}"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO organisations (tenant_id, id, siret, name, kind, created_at) "
            + $"VALUES ('{_samples.A.Id}', gen_random_uuid(), '73282932000074', 'x', 'Entreprise', now())"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task RefuseToSaveARowOfAnotherTenant()
    {
        using var scope = _accessor.Change(_samples.A);
        await using var db = Context();

        db.Organisations.Add(new Organisation { TenantId = _samples.B.Id, Siret = "73282932000074", Name = "Intrus" });
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        db.ChangeTracker.Clear();
        var own = await db.Organisations.SingleAsync(TestContext.Current.CancellationToken);
        own.TenantId = _samples.B.Id;
        // TenantId is part of the (tenant_id, id) key: EF Core itself refuses to move a row.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefuseAReferenceToAnotherTenantsRowEvenInRawSql()
    {
        await using var connection = new NpgsqlConnection(_database.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, $"SELECT set_config('app.tenant_id', '{_samples.A.Id}', false)");
        var campaignOfA = _samples.Ids[(typeof(Campaigns.Campaign), _samples.A.Id)];
        var organisationOfB = _samples.Ids[(typeof(Organisation), _samples.B.Id)];

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO assessments (tenant_id, id, organisation_id, campaign_id, state, identity_tags, answers, created_at) " +
            $"VALUES ('{_samples.A.Id}', gen_random_uuid(), '{organisationOfB}', '{campaignOfA}', 'NotStarted', '{{}}', '{{}}', now())"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task FollowChangeScopesAndRestoreThePreviousTenant()
    {
        using (_accessor.Change(_samples.A))
        {
            Assert.Equal("Entreprise territoire-a", await OrganisationNameAsync());
            using (_accessor.Change(_samples.B))
                Assert.Equal("Entreprise territoire-b", await OrganisationNameAsync());
            Assert.Equal(_samples.A, _accessor.Current);
            Assert.Equal("Entreprise territoire-a", await OrganisationNameAsync());
        }
        Assert.Null(_accessor.Current);
    }

    [Fact]
    public async Task KeepParallelRequestsApart()
    {
        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            var tenant = i % 2 == 0 ? _samples.A : _samples.B;
            using var scope = _accessor.Change(tenant);
            await Task.Yield();
            return (Tenant: tenant, Name: await OrganisationNameAsync());
        });

        foreach (var (tenant, name) in await Task.WhenAll(requests))
            Assert.Equal($"Entreprise {tenant.Identifier}", name);
    }

    [Fact]
    public async Task EnforceTheReadersRowLevelSecurityThroughEveryView()
    {
        await using var db = Context();
        await using var connection = new NpgsqlConnection(_database.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var views = db.Model.GetEntityTypes().Select(e => e.GetViewName()).OfType<string>().ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
            Assert.True(await ScalarAsync(connection,
                    $"SELECT count(*) FROM pg_class WHERE relname = '{view}' AND 'security_invoker=true' = ANY (reloptions)") == 1,
                $"{view} does not read its tables with the reader's row-level security");
    }

    [Fact]
    public async Task EnforceRowLevelSecurityOnEveryTenantOwnedTable()
    {
        await using var db = Context();
        await using var connection = new NpgsqlConnection(_database.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        foreach (var table in TenantOwnedEntities(db).Select(e => e.GetTableName()))
        {
            var secured = await ScalarAsync(connection,
                $"SELECT count(*) FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname " +
                $"WHERE c.relname = '{table}' AND c.relrowsecurity AND c.relforcerowsecurity AND p.policyname = '{RowLevelSecurity.PolicyName}'");
            Assert.True(secured == 1, $"{table} has no forced row-level security policy");
        }
    }

    [Fact]
    public async Task StartEveryUniqueIndexWithTheTenant()
    {
        await using var db = Context();

        foreach (var entity in TenantOwnedEntities(db))
        {
            var uniques = entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties)
                .Concat(entity.GetKeys().Where(k => !k.IsPrimaryKey()).Select(k => k.Properties));
            foreach (var properties in uniques)
                Assert.True(properties[0].Name == nameof(ITenantOwned.TenantId),
                    $"{entity.ClrType.Name}: unique ({string.Join(", ", properties.Select(p => p.Name))}) does not start with TenantId");
            Assert.NotNull(entity.FindDeclaredQueryFilter(TenantModelConventions.FilterName));
        }
    }

    private async Task<string> OrganisationNameAsync()
    {
        await using var db = Context();
        return (await db.Organisations.SingleAsync()).Name;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
