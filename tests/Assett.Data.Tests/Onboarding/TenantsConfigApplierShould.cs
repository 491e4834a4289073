using Assett.Data.Onboarding;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Data.Tests.Onboarding;

public sealed class TenantsConfigApplierShould(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private TenantsConfigApplier Applier() => new(_database.AppConnectionString, TimeProvider.System);

    private static IReadOnlyList<TenantDefinition> Read(string folder)
    {
        var (tenants, diagnostics) = TenantsConfigReader.Read(folder);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return tenants;
    }

    [Fact]
    public async Task CreateTheTenantsThenLeaveEverythingUnchangedTheSecondTime()
    {
        var tenants = Read(ConfigFolder.Example);

        var first = await Applier().ApplyAsync(tenants, dryRun: false, "test", TestContext.Current.CancellationToken);
        var before = await FingerprintAsync();
        var second = await Applier().ApplyAsync(Read(ConfigFolder.Example), dryRun: false, "test", TestContext.Current.CancellationToken);

        Assert.Contains("create tenant « Grand Poitiers »", first.Single(r => r.Identifier == "grand-poitiers").Changes);
        Assert.Contains("add officer transition-ecologique@grand-poitiers.example (invited by email)",
            first.Single(r => r.Identifier == "grand-poitiers").Changes);
        Assert.All(second, r => Assert.Empty(r.Changes));
        Assert.Equal(before, await FingerprintAsync());
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var applied = await db.Tenants.SingleAsync(t => t.Identifier == "grand-poitiers", TestContext.Current.CancellationToken);
        Assert.Equal(8, applied.Settings.Evidence.Count); // the example's labelling/ is the repository's
    }

    [Fact]
    public async Task InviteANewOfficerByEmail()
    {
        await new TenantsConfigApplier(_database.AppConnectionString, TimeProvider.System, "https://assett.example.gouv.fr")
            .ApplyAsync(Read(ConfigFolder.Example), dryRun: false, "test", TestContext.Current.CancellationToken);

        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync("grand-poitiers"));
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var invitation = await db.Invitations.SingleAsync(TestContext.Current.CancellationToken);
        var mail = await db.OutboxMessages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Assett.Data.Accounts.MembershipRole.OfficerAdmin, invitation.Role);
        Assert.Null(invitation.OrganisationId);
        Assert.Equal("transition-ecologique@grand-poitiers.example", mail.ToAddress);
        Assert.Contains("https://assett.example.gouv.fr/t/grand-poitiers/invitation?code=", mail.TextBody);
    }

    [Fact]
    public async Task ChangeNothingOnADryRun()
    {
        var before = await FingerprintAsync();

        var results = await Applier().ApplyAsync(Read(ConfigFolder.Example), dryRun: true, "test", TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.NotEmpty(r.Changes));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task CreateANewReferentialVersionAndKeepTheOldOneIntact()
    {
        using var config = new ConfigFolder().CopyExampleTenant("grand-poitiers");
        await Applier().ApplyAsync(Read(config.Root), dryRun: false, "test", TestContext.Current.CancellationToken);
        var path = Path.Combine(config.Root, "referentiels", "demo-entreprises", "referentiel", "2.1.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Enquête", "Enquête mobilité").Replace("viennent travailler", "viennent au travail"));

        var results = await Applier().ApplyAsync(Read(config.Root), dryRun: false, "test", TestContext.Current.CancellationToken);

        Assert.Single(results.Single().Changes, c => c.StartsWith("create referential version demo-entreprises"));
        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync("grand-poitiers"));
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var versions = await db.ReferentialVersions.OrderBy(v => v.PublishedAt).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, versions.Count);
        Assert.Contains(versions[0].Package.Files, f => f.Content.Contains("viennent travailler"));
        Assert.Contains(versions[1].Package.Files, f => f.Content.Contains("viennent au travail"));
        var campaign = await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(versions[0].Id, campaign.ReferentialVersionId);
        var tenant = await db.Tenants.SingleAsync(t => t.Identifier == "grand-poitiers", TestContext.Current.CancellationToken);
        Assert.Equal(versions[1].Id, tenant.Settings.CurrentReferentialVersionId);
    }

    [Fact]
    public async Task UpdateWhatChangedAndAuditItWithoutRemovingAnOfficer()
    {
        using var config = new ConfigFolder().CopyExampleTenant("haut-poitou");
        await Applier().ApplyAsync(Read(config.Root), dryRun: false, "cerema", TestContext.Current.CancellationToken);
        var file = Path.Combine(config.Root, "haut-poitou", "tenant.yaml");
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("display_name: Haut-Poitou", "display_name: CC du Haut-Poitou")
            .Replace("pcaet@haut-poitou.example", "climat@haut-poitou.example")
            .Replace("closes: 2027-07-15", "closes: 2027-07-31"));

        var changes = (await Applier().ApplyAsync(Read(config.Root), dryRun: false, "cerema", TestContext.Current.CancellationToken)).Single().Changes;

        Assert.Equal([
            "update tenant: display_name",
            "add officer climat@haut-poitou.example (invited by email)",
            "move campaign « Campagne 2027 » to 2027-02-01 → 2027-07-31",
        ], changes);
        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync("haut-poitou"));
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var audit = await db.AuditLog.Where(a => a.Actor == "cerema").Select(a => a.Subject).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("add officer climat@haut-poitou.example (invited by email)", audit);
        // Officers are managed in the product once invited: the one left out of tenant.yaml keeps their place.
        Assert.Equal(["climat@haut-poitou.example", "pcaet@haut-poitou.example"],
            await db.TenantOfficers.Select(o => o.Email).Order().ToListAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The tenant to make current; the caller changes it (an AsyncLocal set inside an async method does not flow out).</summary>
    private async Task<TenantInfo> TenantAsync(string identifier)
    {
        await using var platform = AssettDbContextOptions.Create(_database.AppConnectionString);
        var tenant = await platform.Tenants.SingleAsync(t => t.Identifier == identifier);
        return new TenantInfo(tenant.Id, tenant.Identifier, tenant.Name);
    }

    /// <summary>Every row of every table, as the owner sees it with row security set aside for each tenant.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(_database.AdminConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var tenantIds = new List<Guid>();
        await using (var ids = new NpgsqlCommand("SELECT id FROM tenants ORDER BY id", connection))
        await using (var reader = await ids.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tenantIds.Add(reader.GetGuid(0));
        var rows = new List<string>();
        foreach (var tenant in tenantIds.Prepend(Guid.Empty))
        {
            await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{(tenant == Guid.Empty ? "" : tenant)}', false)", connection))
                await set.ExecuteNonQueryAsync();
            foreach (var table in tables)
            {
                await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM \"{table}\" t", connection);
                var text = (string)(await dump.ExecuteScalarAsync())!;
                if (text.Length > 0) rows.Add($"{table}:{text}");
            }
        }
        return string.Join("\n", rows.Distinct());
    }
}
