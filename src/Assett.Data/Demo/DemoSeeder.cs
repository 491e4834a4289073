using System.Diagnostics;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Platform;
using Assett.Data.ReferenceData;
using Assett.Data.Referentials;
using Assett.Data.Tenancy;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Data.Demo;

public sealed record DemoSeedOptions(string Tenant, int Organisations, int Campaigns = 1, int Seed = 1);

public sealed record DemoSeedResult(int Organisations, int Assessments, int Statuses, TimeSpan Elapsed);

/// <summary>
/// Generates demonstration and load data for one territory: organisations, and for each campaign an
/// assessment per organisation with statuses whose maturity varies by sector and improves from one
/// campaign to the next, scored by the engine (snapshots); each organisation gets an owner's account,
/// without a password (hashing thousands is slow: "mot de passe oublié" sets one). Refused unless the database is marked as a
/// development or demo database. Rows go in by batches, each in its own transaction inside the tenant's
/// scope (row-level security checks every row), by binary COPY (<see cref="StagedCopy{TRow}"/>).
/// </summary>
public sealed class DemoSeeder(string appConnectionString, TimeProvider clock)
{
    private const int BatchSize = 250;
    private const string NamePrefix = "Campagne de démonstration";

    /// <summary>
    /// Batches inserted at once, each on its own connection: PostgreSQL spends most of the time on each
    /// row's indexes and foreign-key checks, one core per connection, while the next batch is generated.
    /// </summary>
    private const int Writers = 2;

    public async Task<DemoSeedResult> SeedAsync(DemoSeedOptions options, Action<string> report, CancellationToken cancellationToken = default)
    {
        var purpose = await DatabasePurpose.GetAsync(appConnectionString, cancellationToken);
        if (!DatabasePurpose.AllowsDemoData(purpose))
            throw new DemoSeedException($"this database is marked '{purpose ?? "production (unmarked)"}': demo data goes only into a development " +
                "or demo database (mark one with 'assett db mark --purpose demo').");

        var clockStart = Stopwatch.StartNew();
        var tenant = await FindTenantAsync(options.Tenant, cancellationToken);
        using var scope = new MultiTenantContextAccessor().Change(tenant.Info);
        var (version, package) = await LoadReferentialAsync(tenant, cancellationToken);
        var campaigns = await EnsureCampaignsAsync(options.Campaigns, version, tenant.Info, cancellationToken);
        var owners = $"contact-%@{tenant.Info.Identifier}.{DemoAccounts.Domain}";
        if (tenant.CharterVersion is { } charter)
        {
            // Demo organisations seeded before the charter, or before its new version, accept it too.
            await InTenantScopeAsync(tenant.Info.Id, async connection =>
            {
                await using var accept = new NpgsqlCommand(AcceptCharterSql, connection);
                accept.Parameters.Add(new NpgsqlParameter { Value = charter });
                accept.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
                accept.Parameters.Add(new NpgsqlParameter { Value = owners });
                await accept.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
        }

        var batches = Batches(options, tenant, version, package, campaigns, await TakenSiretsAsync(cancellationToken));
        var totals = (Organisations: 0, Assessments: 0, Statuses: 0);
        var written = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            await InTenantScopeAsync(tenant.Info.Id, connection => batch.InsertAsync(connection, tenant.Info.Id, token), token);
            lock (written)
            {
                totals = (totals.Organisations + batch.OrganisationCount, totals.Assessments + batch.AssessmentCount, totals.Statuses + batch.StatusCount);
                report($"{totals.Organisations} / {options.Organisations} organisations");
            }
        });
        await InTenantScopeAsync(tenant.Info.Id, connection => DemoMeetings.SeedAsync(connection, tenant.Info.Id, owners, clock.GetUtcNow(),
            cancellationToken), cancellationToken);
        return new DemoSeedResult(options.Organisations, totals.Assessments, totals.Statuses, clockStart.Elapsed);
    }

    /// <summary>
    /// The batches, generated one at a time as the writers ask for them (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource},
    /// ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/> takes them in turn): the same seed gives the same data.
    /// </summary>
    private IEnumerable<DemoBatch> Batches(DemoSeedOptions options, TenantRow tenant, ReferentialVersion version, ReferentialPackage package,
        List<Campaign> campaigns, List<string> takenSirets)
    {
        var evaluator = new ReferentialEvaluator(package, version.Package.DisabledNodes);
        var stored = new StoredNodes(package, version.Package);
        var communes = tenant.Siren is null ? [] : Territories.CommunesOf(tenant.Siren);
        var generator = new DemoOrganisations(new Random(options.Seed), communes, takenSirets);
        var answers = new DemoAnswers(new Random(options.Seed + 1), package);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var done = 0; done < options.Organisations; done += BatchSize)
        {
            var organisations = Enumerable.Range(0, Math.Min(BatchSize, options.Organisations - done)).Select(_ => generator.Next()).ToList();
            var batch = new DemoBatch();
            foreach (var organisation in organisations)
                batch.AddOrganisation(organisation.Organisation, tenant.Info.Identifier, tenant.CharterVersion);
            for (var k = 0; k < campaigns.Count; k++)
            {
                var campaign = campaigns[k];
                var submitted = campaign.State == CampaignState.Closed;
                foreach (var organisation in organisations)
                {
                    var statuses = answers.Statuses(organisation.Maturity + 0.1 * k, complete: submitted);
                    var profile = answers.Profile(organisation, tenant.Localisation);
                    var result = evaluator.Evaluate(new EvaluationInput(profile.Profile, statuses));
                    // Answered some days before the close, and before now for the open campaign.
                    var before = campaign.ClosesOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) is var close && close < now ? close : now;
                    var at = new DateTimeOffset(before.AddDays(-DaysBeforeClosing(organisation, k)));
                    batch.AddAssessment(organisation, campaign, submitted, profile.Tags, at, statuses, package, stored.Totals(result), stored,
                        version.Id);
                }
            }
            yield return batch;
        }

        static int DaysBeforeClosing(DemoOrganisation organisation, int k) => (organisation.Organisation.Id.GetHashCode() & 0x7fffffff) % 60 + k;
    }

    /// <summary>Runs <paramref name="work"/> in its own transaction, which sets the tenant first (<see cref="TenantScope"/>).</summary>
    private async Task InTenantScopeAsync(Guid tenantId, Func<NpgsqlConnection, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var scope = new NpgsqlBatch(connection, transaction) { BatchCommands = { TenantScope.SetCommand(tenantId) } })
            await scope.ExecuteNonQueryAsync(cancellationToken);
        await work(connection);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record TenantRow(TenantInfo Info, string? Siren, string Localisation, Guid? CurrentVersionId, int? CharterVersion);

    private async Task<TenantRow> FindTenantAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var platform = AssettDbContextOptions.Create(appConnectionString);
        var tenant = await platform.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Identifier == identifier, cancellationToken)
            ?? throw new DemoSeedException($"no tenant '{identifier}': apply tenants-config first ('assett tenants apply').");
        var localisation = IdentityTags.LocalisationOf(tenant.TimeZone);
        return new TenantRow(new TenantInfo(tenant.Id, tenant.Identifier, tenant.DisplayName) { TimeZone = tenant.TimeZone }, tenant.Siren,
            localisation, tenant.Settings.CurrentReferentialVersionId, tenant.Settings.CharterInForce);
    }

    private async Task<(ReferentialVersion, ReferentialPackage)> LoadReferentialAsync(TenantRow tenant, CancellationToken cancellationToken)
    {
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        var version = await db.ReferentialVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == tenant.CurrentVersionId, cancellationToken)
            ?? throw new DemoSeedException($"tenant '{tenant.Info.Identifier}' has no referential version: apply tenants-config first.");
        var loaded = PackageLoader.Load(version.Package.Files.Select(f => new PackageFile(f.Path, f.Content)));
        if (!loaded.Succeeded)
            throw new DemoSeedException($"the referential version {version.Label} does not load: {string.Join("; ", loaded.Diagnostics.Errors)}");
        return (version, loaded.Package!);
    }

    private async Task<List<string>> TakenSiretsAsync(CancellationToken cancellationToken)
    {
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        return await db.Organisations.Where(o => o.Siret != null).Select(o => o.Siret!).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The demo campaigns, one per year up to this one: all closed but the last, which is open and spans
    /// today (90 days back, 60 ahead), each window clipped or moved back a year so that it never overlaps
    /// a campaign of the configuration (docs/decisions.md). Campaigns seeded before are kept as they are.
    /// </summary>
    private async Task<List<Campaign>> EnsureCampaignsAsync(int count, ReferentialVersion version, TenantInfo territory, CancellationToken cancellationToken)
    {
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        var today = territory.DateAt(clock.GetUtcNow());
        var existing = await db.Campaigns.ToListAsync(cancellationToken);
        var others = existing.Where(c => !c.Name.StartsWith(NamePrefix, StringComparison.Ordinal)).ToList();
        if (others.FirstOrDefault(c => c.State == CampaignState.Open || (c.OpensOn <= today && today <= c.ClosesOn)) is { } current)
            throw new DemoSeedException($"the campaign '{current.Name}' ({current.OpensOn:yyyy-MM-dd} → {current.ClosesOn:yyyy-MM-dd}) is open or spans " +
                "today: the demo campaign, open today, would overlap it.");
        var (opens, closes) = (today.AddDays(-90), today.AddDays(60));
        foreach (var other in others)
        {
            if (other.OpensOn > today && other.OpensOn <= closes) closes = other.OpensOn.AddDays(-1);
            if (other.ClosesOn < today && other.ClosesOn >= opens) opens = other.ClosesOn.AddDays(1);
        }
        var campaigns = new List<Campaign>();
        for (var k = 0; k < count; k++)
        {
            var yearsBack = count - 1 - k;
            var name = $"{NamePrefix} {today.Year - yearsBack}";
            var campaign = existing.SingleOrDefault(c => c.Name == name);
            if (campaign is null)
            {
                var (start, end) = (opens.AddYears(-yearsBack), closes.AddYears(-yearsBack));
                while (yearsBack > 0 && others.Any(c => c.OpensOn <= end && start <= c.ClosesOn)) (start, end) = (start.AddYears(-1), end.AddYears(-1));
                var open = yearsBack == 0;
                campaign = new Campaign
                {
                    Id = Guid.NewGuid(), Name = name, OpensOn = start, ClosesOn = end, ReferentialVersionId = version.Id,
                    State = open ? CampaignState.Open : CampaignState.Closed, OpenedAt = clock.GetUtcNow(), ClosedAt = open ? null : clock.GetUtcNow(),
                };
                db.Campaigns.Add(campaign);
            }
            campaigns.Add(campaign);
        }
        await db.SaveChangesAsync(cancellationToken);
        return campaigns;
    }

    private const string AcceptCharterSql = $"""
        INSERT INTO charter_acceptances (tenant_id, id, organisation_id, version, accepted_at, accepted_by)
        SELECT o.tenant_id, gen_random_uuid(), o.id, $1, $2, min(u.email)
        FROM organisations o
        JOIN memberships m ON m.tenant_id = o.tenant_id AND m.organisation_id = o.id AND m.role = '{nameof(Accounts.MembershipRole.OrganisationOwner)}'
        JOIN users u ON u.id = m.user_id AND u.email LIKE $3
        GROUP BY o.tenant_id, o.id
        ON CONFLICT (tenant_id, organisation_id, version) DO NOTHING
        """;
}

public sealed class DemoSeedException(string message) : Exception(message);
