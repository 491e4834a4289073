using System.Diagnostics;
using System.Text.Json;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Platform;
using Assett.Data.ReferenceData;
using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Assett.Data.Demo;

public sealed record DemoSeedOptions(string Tenant, int Organisations, int Campaigns = 1, int Seed = 1);

public sealed record DemoSeedResult(int Organisations, int Assessments, int Statuses, TimeSpan Elapsed);

/// <summary>
/// Generates demonstration and load data for one territory: organisations, and for each campaign an
/// assessment per organisation with statuses whose maturity varies by sector and improves from one
/// campaign to the next, scored by the engine (snapshots); each organisation gets an owner's account,
/// without a password (hashing thousands is slow: "mot de passe oublié" sets one). Refused unless the database is marked as a
/// development or demo database. Rows go in by batches of array inserts, inside the tenant's scope
/// (row-level security checks every row).
/// </summary>
public sealed class DemoSeeder(string appConnectionString, TimeProvider clock)
{
    private const int BatchSize = 250;
    private const string Author = "demo";
    private const string NamePrefix = "Campagne de démonstration";

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
        var evaluator = new ReferentialEvaluator(package, version.Package.DisabledNodes);
        var stored = new StoredNodes(package, version.Package);
        var campaigns = await EnsureCampaignsAsync(options.Campaigns, version, tenant.Info, cancellationToken);
        var communes = tenant.Siren is null ? [] : Territories.CommunesOf(tenant.Siren);
        var generator = new DemoOrganisations(new Random(options.Seed), communes, await TakenSiretsAsync(cancellationToken));
        var answers = new DemoAnswers(new Random(options.Seed + 1), package);

        var totals = (Assessments: 0, Statuses: 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Info.Id}', false)", connection))
            await set.ExecuteNonQueryAsync(cancellationToken);
        if (tenant.CharterVersion is { } charter)
        {
            // Demo organisations seeded before the charter, or before its new version, accept it too.
            await using var accept = new NpgsqlCommand(AcceptCharterSql, connection);
            accept.Parameters.Add(new NpgsqlParameter { Value = charter });
            accept.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            accept.Parameters.Add(new NpgsqlParameter { Value = $"contact-%@{tenant.Info.Identifier}.{DemoAccounts.Domain}" });
            await accept.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var done = 0; done < options.Organisations; done += BatchSize)
        {
            var batch = Enumerable.Range(0, Math.Min(BatchSize, options.Organisations - done)).Select(_ => generator.Next()).ToList();
            var rows = new BatchRows();
            rows.AddOrganisations(batch, tenant.Info.Identifier, tenant.CharterVersion);
            for (var k = 0; k < campaigns.Count; k++)
            {
                var campaign = campaigns[k];
                var submitted = campaign.State == CampaignState.Closed;
                foreach (var organisation in batch)
                {
                    var statuses = answers.Statuses(organisation.Maturity + 0.1 * k, complete: submitted);
                    var profile = answers.Profile(organisation, tenant.Localisation);
                    var result = evaluator.Evaluate(new EvaluationInput(profile.Profile, statuses));
                    // Answered some days before the close, and before now for the open campaign.
                    var before = campaign.ClosesOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) is var close && close < now ? close : now;
                    var at = before.AddDays(-DaysBeforeClosing(organisation, k));
                    rows.AddAssessment(organisation, campaign, submitted, profile.Tags, at, package, statuses, stored.Totals(result), stored,
                        version.Id);
                }
            }
            await rows.InsertAsync(connection, tenant.Info.Id, cancellationToken);
            totals = (totals.Assessments + rows.AssessmentCount, totals.Statuses + rows.StatusCount);
            report($"{Math.Min(done + BatchSize, options.Organisations)} / {options.Organisations} organisations");
        }
        await DemoMeetings.SeedAsync(connection, tenant.Info.Id, $"contact-%@{tenant.Info.Identifier}.{DemoAccounts.Domain}", clock.GetUtcNow(),
            cancellationToken);
        return new DemoSeedResult(options.Organisations, totals.Assessments, totals.Statuses, clockStart.Elapsed);

        static int DaysBeforeClosing(DemoOrganisation organisation, int k) => (organisation.Organisation.Id.GetHashCode() & 0x7fffffff) % 60 + k;
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

    /// <summary>The rows of one batch, column by column, inserted with one array insert per table.</summary>
    private sealed class BatchRows
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
        private readonly Columns _organisations = new("organisations");
        private readonly Columns _users = new("users", tenantOwned: false);
        private readonly Columns _memberships = new("memberships");
        private readonly Columns _charters = new("charter_acceptances");
        private readonly Columns _assessments = new("assessments");
        private readonly Columns _statuses = new("task_statuses");
        private readonly Columns _changes = new("task_status_changes");
        private readonly Columns _snapshots = new("score_snapshots");
        private readonly Columns _themes = new("score_node_totals");

        public int AssessmentCount { get; private set; }
        public int StatusCount { get; private set; }

        /// <param name="charter">The version of the territory's charter, which each organisation's owner accepted when it joined.</param>
        public void AddOrganisations(IEnumerable<DemoOrganisation> organisations, string tenant, int? charter)
        {
            foreach (var o in organisations.Select(d => d.Organisation))
            {
                _organisations.Add(("id", o.Id), ("siret", o.Siret), ("name", o.Name), ("kind", o.Kind.ToString()), ("naf_code", o.NafCode),
                    ("naf_section", o.NafSection), ("headcount", o.Headcount.ToString()), ("commune_insee", o.CommuneInsee), ("created_at", o.CreatedAt));
                var userId = Guid.NewGuid();
                var email = DemoAccounts.OwnerEmail(o, tenant);
                _users.Add(("id", userId), ("user_name", email), ("normalized_user_name", email.ToUpperInvariant()), ("email", email),
                    ("normalized_email", email.ToUpperInvariant()), ("email_confirmed", true), ("security_stamp", Guid.NewGuid().ToString("N")),
                    ("concurrency_stamp", Guid.NewGuid().ToString()), ("lockout_enabled", true), ("created_at", o.CreatedAt),
                    ("is_platform_administrator", false), ("phone_number_confirmed", false), ("two_factor_enabled", false), ("access_failed_count", 0));
                _memberships.Add(("id", Guid.NewGuid()), ("user_id", userId), ("organisation_id", o.Id),
                    ("role", nameof(Accounts.MembershipRole.OrganisationOwner)), ("created_at", o.CreatedAt));
                if (charter is { } version)
                    _charters.Add(("id", Guid.NewGuid()), ("organisation_id", o.Id), ("version", version), ("accepted_at", o.CreatedAt),
                        ("accepted_by", email));
            }
        }

        public void AddAssessment(DemoOrganisation organisation, Campaign campaign, bool submitted, Dictionary<string, List<string>> tags,
            DateTime at, ReferentialPackage package, NodeStatus[] statuses, ScoreTotals totals, StoredNodes storedNodes, Guid versionId)
        {
            var assessmentId = Guid.NewGuid();
            var when = new DateTimeOffset(at);
            _assessments.Add(("id", assessmentId), ("organisation_id", organisation.Organisation.Id), ("campaign_id", campaign.Id),
                ("state", submitted ? nameof(AssessmentState.Submitted) : nameof(AssessmentState.InProgress)),
                ("identity_tags", Jsonb(tags)), ("answers", Jsonb(organisation.Answers)), ("created_at", when.AddDays(-30)),
                ("submitted_at", submitted ? when : (DateTimeOffset?)null));
            for (var i = 0; i < statuses.Length; i++)
            {
                if (statuses[i].Kind == StatusKind.None) continue;
                var status = statuses[i];
                var kind = status.Kind == StatusKind.NonConcerne ? StatusKinds.NonConcerne
                    : status.Fait == 1 ? StatusKinds.Fait : status.Programme == 1 ? StatusKinds.Programme : StatusKinds.PasFait;
                var nodeId = package.Nodes[i].Id;
                var stored = AssessmentStore.StatusColumns(new StatusValue(kind, status.Fait, status.Programme, status.PasFait));
                _statuses.Add([("id", Guid.NewGuid()), ("assessment_id", assessmentId), ("node_id", nodeId), .. stored,
                    ("updated_by", Author), ("updated_at", when)]);
                _changes.Add([("id", Guid.NewGuid()), ("assessment_id", assessmentId), ("node_id", nodeId), .. stored,
                    ("changed_by", Author), ("changed_at", when)]);
                StatusCount++;
            }
            var (snapshot, themes) = ScoreSnapshotBuilder.Build(totals, storedNodes, assessmentId, versionId,
                submitted ? SnapshotKind.Submitted : SnapshotKind.Current, when);
            _snapshots.Add(("id", snapshot.Id), ("assessment_id", assessmentId), ("referential_version_id", versionId),
                ("kind", snapshot.Kind.ToString()), ("taken_at", when), ("point_fait", snapshot.PointFait), ("point_programme", snapshot.PointProgramme),
                ("point_pas_fait", snapshot.PointPasFait), ("point_potentiel", snapshot.PointPotentiel), ("score_percent", snapshot.ScorePercent),
                ("national_fait", snapshot.NationalFait), ("national_potentiel", snapshot.NationalPotentiel));
            foreach (var theme in themes)
                _themes.Add(("id", theme.Id), ("snapshot_id", snapshot.Id), ("node_id", theme.NodeId), ("point_fait", theme.PointFait),
                    ("point_programme", theme.PointProgramme), ("point_pas_fait", theme.PointPasFait), ("point_potentiel", theme.PointPotentiel),
                    ("national_fait", theme.NationalFait), ("national_potentiel", theme.NationalPotentiel));
            AssessmentCount++;
        }

        private static Jsonb Jsonb<T>(T value) => new(JsonSerializer.Serialize(value, Json));

        public async Task InsertAsync(NpgsqlConnection connection, Guid tenantId, CancellationToken cancellationToken)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var table in new[] { _organisations, _users, _memberships, _charters, _assessments, _statuses, _changes, _snapshots, _themes })
                await table.InsertAsync(connection, transaction, tenantId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A JSON text, inserted as <c>jsonb</c>.</summary>
    private sealed record Jsonb(string Text);

    /// <summary>Values of one table, column by column: one <c>INSERT … SELECT FROM unnest(arrays)</c>.</summary>
    private sealed class Columns(string table, bool tenantOwned = true)
    {
        private readonly Dictionary<string, List<object?>> _values = [];

        public void Add(params (string Column, object? Value)[] row)
        {
            foreach (var (column, value) in row)
            {
                if (!_values.TryGetValue(column, out var list)) _values[column] = list = [];
                list.Add(value);
            }
        }

        public async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, CancellationToken cancellationToken)
        {
            if (_values.Count == 0) return;
            // A column left null in every row is left out: its type could not be told from the values.
            var columns = _values.Keys.Where(c => _values[c].Any(v => v is not null)).ToList();
            await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
            var selects = new List<string>();
            for (var i = 0; i < columns.Count; i++)
            {
                var (parameter, cast) = ArrayParameter(_values[columns[i]]);
                command.Parameters.Add(parameter);
                selects.Add($"${i + 1}{cast}");
            }
            command.CommandText = tenantOwned
                ? $"INSERT INTO {table} (tenant_id, {string.Join(", ", columns)}) SELECT '{tenantId}', * FROM unnest({string.Join(", ", selects)})"
                : $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT * FROM unnest({string.Join(", ", selects)})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private static (NpgsqlParameter, string) ArrayParameter(List<object?> values) => values.FirstOrDefault(v => v is not null) switch
        {
            Guid => (new NpgsqlParameter { Value = values.Cast<Guid>().ToArray() }, ""),
            double => (new NpgsqlParameter { Value = values.Cast<double>().ToArray() }, ""),
            bool => (new NpgsqlParameter { Value = values.Cast<bool>().ToArray() }, ""),
            int => (new NpgsqlParameter { Value = values.Cast<int>().ToArray() }, ""),
            DateTimeOffset => (new NpgsqlParameter
            {
                Value = values.Select(v => (DateTime?)((DateTimeOffset?)v)?.UtcDateTime).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            }, ""),
            Jsonb => (new NpgsqlParameter
            {
                Value = values.Select(v => ((Jsonb)v!).Text).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            }, "::jsonb[]"),
            _ => (new NpgsqlParameter { Value = values.Select(v => (string?)v).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }, ""),
        };
    }
}

public sealed class DemoSeedException(string message) : Exception(message);
