using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Demo;
using Assett.Data.Onboarding;
using Assett.Data.Organisations;
using Assett.Data.Platform;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Data.Tests.Demo;

public sealed class DemoSeederShould(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        var (tenants, diagnostics) = TenantsConfigReader.Read(TestTerritories.Folder);
        Assert.False(diagnostics.HasErrors);
        await new TenantsConfigApplier(_database.AppConnectionString, TimeProvider.System)
            .ApplyAsync(tenants.Where(t => t.Identifier == TestTerritories.First), dryRun: false, "test");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<DemoSeedResult> SeedAsync(int organisations, int campaigns) =>
        new DemoSeeder(_database.AppConnectionString, TimeProvider.System)
            .SeedAsync(new DemoSeedOptions(TestTerritories.First, organisations, campaigns), _ => { }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task GeneratePlausibleOrganisationsOfTheTerritory()
    {
        var result = await SeedAsync(60, 2);

        Assert.Equal(120, result.Assessments);
        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync());
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var organisations = await db.Organisations.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(60, organisations.Count);
        Assert.All(organisations, o => Assert.True(FrenchIdentifiers.IsValidSiret(o.Siret), o.Siret));
        Assert.All(organisations, o => Assert.StartsWith(TestTerritories.FirstCommune[..2], o.CommuneInsee)); // its communes' department
        Assert.All(organisations, o => Assert.Equal(ReferenceData.NafCodes.Find(o.NafCode!)!.Section, o.NafSection));
        Assert.True(organisations.Select(o => o.NafSection).Distinct().Count() >= 5);
    }

    [Fact]
    public async Task GiveEachOrganisationAnOwnerWithoutAPassword()
    {
        await SeedAsync(30, 1);

        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync());
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var owners = await db.Memberships.Where(m => m.Role == MembershipRole.OrganisationOwner)
            .Join(db.Users, m => m.UserId, u => u.Id,
                (m, u) => new { m.OrganisationId, u.Email, u.NormalizedEmail, u.PasswordHash, u.EmailConfirmed, u.SecurityStamp })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(30, owners.Select(o => o.OrganisationId).Distinct().Count());
        Assert.Equal(30, owners.Count);
        Assert.All(owners, o =>
        {
            Assert.EndsWith($"@{TestTerritories.First}.demo.invalid", o.Email);
            Assert.Equal(o.Email!.ToUpperInvariant(), o.NormalizedEmail);
            Assert.Null(o.PasswordHash);
            Assert.True(o.EmailConfirmed);
            Assert.NotNull(o.SecurityStamp); // Identity refuses to issue reset tokens without one
        });
    }

    [Fact]
    public async Task GiveAFewSeededOwnersAPasswordForLoadTests()
    {
        await SeedAsync(5, 1);
        var officer = await DemoAccounts.SetOfficerAsync(_database.AppConnectionString, TestTerritories.First, "Officier-2026-Test",
            TestContext.Current.CancellationToken);

        var emails = await DemoAccounts.SetPasswordsAsync(_database.AppConnectionString, TestTerritories.First, 3, "Charge-2026-Test",
            TestContext.Current.CancellationToken);

        Assert.Equal(3, emails.Count);
        Assert.All(emails, e => Assert.StartsWith("contact-", e)); // the demo officer's address sorts first, and is not an owner
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var users = await db.Users.Where(u => u.Email!.EndsWith($"@{TestTerritories.First}.demo.invalid") && u.Email != officer)
            .ToListAsync(TestContext.Current.CancellationToken);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<AssettUser>();
        Assert.Equal(emails.Order(), users.Where(u => u.PasswordHash is not null).Select(u => u.Email!).Order());
        Assert.All(users.Where(u => u.PasswordHash is not null), u =>
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed,
                hasher.VerifyHashedPassword(u, u.PasswordHash!, "Charge-2026-Test")));
    }

    [Fact]
    public async Task ImproveMaturityFromOneCampaignToTheNext() // the share of answered points that are done
    {
        await SeedAsync(200, 2);

        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync());
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var byCampaign = await db.ScoreSnapshots
            .Join(db.Assessments, s => s.AssessmentId, a => a.Id,
                (s, a) => new { a.CampaignId, s.Kind, s.PointFait, Answered = s.PointFait + s.PointProgramme + s.PointPasFait })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { c.Name, x.Kind, DoneShare = x.PointFait / x.Answered })
            .GroupBy(x => new { x.Name, x.Kind })
            .Select(g => new { g.Key.Name, g.Key.Kind, Median = g.OrderBy(x => x.DoneShare).Select(x => x.DoneShare).ToList() })
            .ToListAsync(TestContext.Current.CancellationToken);
        var year = DateTime.UtcNow.Year;
        var first = byCampaign.Single(c => c.Name == $"Campagne de démonstration {year - 1}");
        var second = byCampaign.Single(c => c.Name == $"Campagne de démonstration {year}");
        Assert.Equal(SnapshotKind.Submitted, first.Kind);
        Assert.Equal(SnapshotKind.Current, second.Kind);
        Assert.True(Median(second.Median) > Median(first.Median), $"{Median(first.Median)} then {Median(second.Median)}");
        Assert.Equal(200 * 2 * 7, await db.ScoreNodeTotals.CountAsync(TestContext.Current.CancellationToken));
    }

    private static readonly string[] SeededTables =
    [
        "organisations", "memberships", "charter_acceptances", "assessments", "task_statuses", "task_status_changes", "score_snapshots",
        "score_node_totals", "meetings", "meeting_registrations",
    ];

    [Fact]
    public async Task KeepEveryRowInItsTerritoryWithAHistoryRowPerStatus()
    {
        var (tenants, _) = TenantsConfigReader.Read(TestTerritories.Folder);
        await new TenantsConfigApplier(_database.AppConnectionString, TimeProvider.System)
            .ApplyAsync(tenants.Where(t => t.Identifier == TestTerritories.Second), dryRun: false, "test", TestContext.Current.CancellationToken);
        var first = (await TenantAsync()).Id;
        await SetCharterAsync(1);

        var result = await SeedAsync(20, 2);

        // The superuser bypasses row-level security: it sees every row, and which territory each names.
        var superuser = server.Cluster.ConnectionString("postgres", new NpgsqlConnectionStringBuilder(_database.AppConnectionString).Database!);
        var all = await CountAsync(superuser, tenant: null, "true");
        var named = await CountAsync(superuser, tenant: null, $"tenant_id = '{first}'");
        var inFirst = await CountAsync(_database.AppConnectionString, first, "true");
        var inSecond = await CountAsync(_database.AppConnectionString, await TenantIdAsync(TestTerritories.Second), "true");
        var inNone = await CountAsync(_database.AppConnectionString, tenant: null, "true");
        Assert.All(SeededTables, table =>
        {
            Assert.True(all[table] > 0, table);
            Assert.Equal((table, all[table]), (table, named[table]));
            Assert.Equal((table, all[table]), (table, inFirst[table]));
            Assert.Equal((table, 0L), (table, inSecond[table]));
            Assert.Equal((table, 0L), (table, inNone[table]));
        });
        Assert.Equal((20L, 40L, 40L), (inFirst["organisations"], inFirst["assessments"], inFirst["score_snapshots"]));
        Assert.Equal(result.Statuses, inFirst["task_statuses"]);
        Assert.Equal(result.Statuses, inFirst["task_status_changes"]);
        // Each status has its history row: the same values, author and time, and no previous value.
        var matched = await CountAsync(_database.AppConnectionString, first, "true", """
            (SELECT count(*) FROM task_statuses s JOIN task_status_changes c USING (tenant_id, assessment_id, node_id)
             WHERE (c.status_kind, c.status_fait, c.status_programme, c.status_pas_fait, c.changed_by, c.changed_at)
                 = (s.status_kind, s.status_fait, s.status_programme, s.status_pas_fait, s.updated_by, s.updated_at)
               AND c.previous_kind IS NULL) AS matched
            """);
        Assert.Equal(result.Statuses, matched["matched"]);
    }

    /// <summary>Rows of each seeded table matching <paramref name="where"/>, in a transaction scoped to <paramref name="tenant"/> (none: '').</summary>
    private static async Task<Dictionary<string, long>> CountAsync(string connectionString, Guid? tenant, string where, string? query = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var scope = new NpgsqlBatch(connection, transaction) { BatchCommands = { Data.Tenancy.TenantScope.SetCommand(tenant) } })
            await scope.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var selects = query ?? string.Join(", ", SeededTables.Select(t => $"(SELECT count(*) FROM {t} WHERE {where}) AS {t}"));
        await using var command = new NpgsqlCommand($"SELECT {selects}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetInt64);
    }

    [Fact]
    public async Task RefuseADatabaseThatIsNotForDevelopmentOrDemos()
    {
        await using (var connection = new NpgsqlConnection(_database.AdminConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("DELETE FROM platform_settings", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<DemoSeedException>(() => SeedAsync(5, 1));

        Assert.Contains("production (unmarked)", error.Message);
        await DatabasePurpose.MarkAsync(_database.AdminConnectionString, DatabasePurpose.Demo, TestContext.Current.CancellationToken);
        Assert.Equal(5, (await SeedAsync(5, 1)).Organisations);
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    [Fact]
    public async Task AcceptTheCharterAndOpenACampaignSpanningTodayBeforeTheConfiguredOne()
    {
        await SeedAsync(5, 1); // before the charter: these accept it at the next seed
        var tenant = await TenantAsync();
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        // The first seed's campaign goes (its assessments with it): the next one places its own at the date below.
        await db.Assessments.ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        await db.Campaigns.Where(c => c.Name.StartsWith("Campagne de démonstration")).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        await SetCharterAsync(3);
        // Ten days before the configured « Campagne de test 2027 » opens (15 January 2027).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));

        await new DemoSeeder(_database.AppConnectionString, clock)
            .SeedAsync(new DemoSeedOptions(TestTerritories.First, 20, 2), _ => { }, TestContext.Current.CancellationToken);

        var campaigns = await db.Campaigns.OrderBy(c => c.OpensOn).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Campagne de démonstration 2026", "Campagne de démonstration 2027", TestTerritories.Campaign], campaigns.Select(c => c.Name));
        var open = campaigns[1];
        Assert.Equal((CampaignState.Open, new DateOnly(2026, 10, 7), new DateOnly(2027, 1, 14)), (open.State, open.OpensOn, open.ClosesOn));
        Assert.Equal((CampaignState.Closed, new DateOnly(2026, 1, 14)), (campaigns[0].State, campaigns[0].ClosesOn));
        var acceptances = await db.CharterAcceptances.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(25, acceptances.Count);
        Assert.All(acceptances, a => Assert.Equal(3, a.Version));
    }

    [Fact]
    public async Task HoldTwoMeetingsAndAnnounceAThirdOnceWhateverTheSeeds()
    {
        await SeedAsync(200, 1);
        await SeedAsync(100, 1); // the meetings stay three; the new organisations register too

        using var scope = new MultiTenantContextAccessor().Change(await TenantAsync());
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var meetings = await db.Meetings.OrderBy(m => m.StartsAt).ToListAsync(TestContext.Current.CancellationToken);
        var registrations = await db.MeetingRegistrations.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, meetings.Count);
        Assert.All(meetings, m => Assert.Equal(Meetings.MeetingState.Published, m.State));
        Assert.Equal([true, true, false], meetings.Select(m => m.StartsAt < DateTimeOffset.UtcNow));
        var byMeeting = registrations.ToLookup(r => r.MeetingId);
        Assert.All(meetings.Take(2), m => Assert.InRange(byMeeting[m.Id].Count(r => r.Attended == true), 20, 100)); // 16-20 % of 300
        Assert.InRange(byMeeting[meetings[2].Id].Count(), 10, 60);
        Assert.All(byMeeting[meetings[2].Id], r => Assert.Null(r.Attended));
        Assert.Equal(registrations.Count, registrations.Select(r => (r.MeetingId, r.OrganisationId)).Distinct().Count());
    }

    [Fact]
    public async Task RefuseToOpenADemoCampaignOverAConfiguredOneThatSpansToday()
    {
        var during = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<DemoSeedException>(() => new DemoSeeder(_database.AppConnectionString, during)
            .SeedAsync(new DemoSeedOptions(TestTerritories.First, 5, 1), _ => { }, TestContext.Current.CancellationToken));

        Assert.Contains($"the campaign '{TestTerritories.Campaign}' (2027-01-15 → 2027-06-30) is open or spans today", refused.Message);
    }

    private async Task SetCharterAsync(int version)
    {
        var tenant = await TenantAsync();
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var row = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, TestContext.Current.CancellationToken);
        row.Settings = new Tenants.TenantSettings
        {
            BaseReferential = row.Settings.BaseReferential, CurrentReferentialVersionId = row.Settings.CurrentReferentialVersionId,
            Charter = "## Charte", CharterVersion = version,
        };
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task<Guid> TenantIdAsync(string identifier)
    {
        await using var platform = AssettDbContextOptions.Create(_database.AppConnectionString);
        return await platform.Tenants.Where(t => t.Identifier == identifier).Select(t => t.Id).SingleAsync();
    }

    private async Task<TenantInfo> TenantAsync()
    {
        await using var platform = AssettDbContextOptions.Create(_database.AppConnectionString);
        var tenant = await platform.Tenants.SingleAsync(t => t.Identifier == TestTerritories.First);
        return new TenantInfo(tenant.Id, tenant.Identifier, tenant.Name);
    }
}
