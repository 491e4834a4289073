using System.Text.Json;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Npgsql;
using NpgsqlTypes;

namespace Assett.Data.Demo;

/// <summary>The owner's account of a demo organisation: a user without a password, its membership and, with a charter, its acceptance.</summary>
internal sealed record DemoOwner(Guid UserId, Guid MembershipId, Guid AcceptanceId, Guid OrganisationId, string Email, int? Charter, DateTimeOffset At);

internal sealed record DemoAssessment(Guid Id, Guid OrganisationId, Guid CampaignId, bool Submitted, string IdentityTags, string Answers,
    DateTimeOffset At);

/// <summary>A task status and the id of its history row, the change that set it.</summary>
internal readonly record struct DemoStatus(Guid Id, Guid ChangeId, Guid AssessmentId, string NodeId, StatusValue Value, DateTimeOffset At);

/// <summary>
/// The rows of a batch of demo organisations, for every table the seed fills, inserted in one
/// transaction, with ids from <see cref="DemoIds"/>.
/// </summary>
internal sealed class DemoBatch
{
    private const string Author = "demo";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<Organisation> _organisations = [];
    private readonly List<DemoOwner> _owners = [];
    private readonly List<DemoAssessment> _assessments = [];
    private readonly List<DemoStatus> _statuses = [];
    private readonly List<ScoreSnapshot> _snapshots = [];
    private readonly List<ScoreNodeTotal> _themes = [];

    public int OrganisationCount => _organisations.Count;
    public int AssessmentCount => _assessments.Count;
    public int StatusCount => _statuses.Count;

    /// <param name="charter">The version of the territory's charter, which the owner accepted when the organisation joined.</param>
    public void AddOrganisation(Organisation organisation, string tenant, int? charter)
    {
        _organisations.Add(organisation);
        _owners.Add(new DemoOwner(DemoIds.Next(), DemoIds.Next(), DemoIds.Next(), organisation.Id,
            DemoAccounts.OwnerEmail(organisation, tenant), charter, organisation.CreatedAt));
    }

    public void AddAssessment(DemoOrganisation organisation, Campaign campaign, bool submitted, Dictionary<string, List<string>> tags,
        DateTimeOffset at, NodeStatus[] statuses, ReferentialPackage package, ScoreTotals totals, StoredNodes storedNodes, Guid versionId)
    {
        var assessment = new DemoAssessment(DemoIds.Next(), organisation.Organisation.Id, campaign.Id, submitted,
            JsonSerializer.Serialize(tags, Json), JsonSerializer.Serialize(organisation.Answers, Json), at);
        _assessments.Add(assessment);
        for (var i = 0; i < statuses.Length; i++)
        {
            if (statuses[i].Kind == StatusKind.None) continue;
            var status = statuses[i];
            var kind = status.Kind == StatusKind.NonConcerne ? StatusKinds.NonConcerne
                : status.Fait == 1 ? StatusKinds.Fait : status.Programme == 1 ? StatusKinds.Programme : StatusKinds.PasFait;
            _statuses.Add(new DemoStatus(DemoIds.Next(), DemoIds.Next(), assessment.Id, package.Nodes[i].Id,
                new StatusValue(kind, status.Fait, status.Programme, status.PasFait), at));
        }
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(totals, storedNodes, assessment.Id, versionId,
            submitted ? SnapshotKind.Submitted : SnapshotKind.Current, at);
        _snapshots.Add(snapshot);
        _themes.AddRange(themes);
    }

    /// <summary>In a transaction that has set the tenant; parents first, the foreign keys are checked row by row.</summary>
    public async Task InsertAsync(NpgsqlConnection connection, Guid tenantId, CancellationToken cancellationToken)
    {
        await Organisations.InsertAsync(connection, tenantId, _organisations, cancellationToken);
        await Users.InsertAsync(connection, tenantId, _owners, cancellationToken);
        await Memberships.InsertAsync(connection, tenantId, _owners, cancellationToken);
        await CharterAcceptances.InsertAsync(connection, tenantId, [.. _owners.Where(o => o.Charter is not null)], cancellationToken);
        await Assessments.InsertAsync(connection, tenantId, _assessments, cancellationToken);
        await TaskStatuses.InsertAsync(connection, tenantId, _statuses, cancellationToken);
        await ScoreSnapshots.InsertAsync(connection, tenantId, _snapshots, cancellationToken);
        await ScoreNodeTotals.InsertAsync(connection, tenantId, _themes, cancellationToken);
    }

    private static readonly StagedCopy<Organisation> Organisations = new("organisations",
        "id, siret, name, kind, naf_code, naf_section, headcount, commune_insee, created_at", (w, o) =>
        {
            w.Write(o.Id);
            w.Write(o.Siret);
            w.Write(o.Name);
            w.Write(o.Kind.ToString());
            w.Write(o.NafCode);
            w.Write(o.NafSection);
            w.Write(o.Headcount?.ToString());
            w.Write(o.CommuneInsee);
            w.Write(o.CreatedAt);
        });

    private static readonly StagedCopy<DemoOwner> Users = new("users",
        "id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp, lockout_enabled, " +
        "created_at, is_platform_administrator, phone_number_confirmed, two_factor_enabled, access_failed_count", (w, o) =>
        {
            w.Write(o.UserId);
            w.Write(o.Email);
            w.Write(o.Email.ToUpperInvariant());
            w.Write(o.Email);
            w.Write(o.Email.ToUpperInvariant());
            w.Write(true);
            w.Write(Guid.NewGuid().ToString("N"));
            w.Write(Guid.NewGuid().ToString());
            w.Write(true);
            w.Write(o.At);
            w.Write(false);
            w.Write(false);
            w.Write(false);
            w.Write(0);
        }, tenantOwned: false);

    private static readonly StagedCopy<DemoOwner> Memberships = new("memberships", "id, user_id, organisation_id, role, created_at", (w, o) =>
    {
        w.Write(o.MembershipId);
        w.Write(o.UserId);
        w.Write(o.OrganisationId);
        w.Write(nameof(MembershipRole.OrganisationOwner));
        w.Write(o.At);
    });

    private static readonly StagedCopy<DemoOwner> CharterAcceptances = new("charter_acceptances",
        "id, organisation_id, version, accepted_at, accepted_by", (w, o) =>
        {
            w.Write(o.AcceptanceId);
            w.Write(o.OrganisationId);
            w.Write(o.Charter!.Value);
            w.Write(o.At);
            w.Write(o.Email);
        });

    private static readonly StagedCopy<DemoAssessment> Assessments = new("assessments",
        "id, organisation_id, campaign_id, state, identity_tags, answers, created_at, submitted_at", (w, a) =>
        {
            w.Write(a.Id);
            w.Write(a.OrganisationId);
            w.Write(a.CampaignId);
            w.Write(a.Submitted ? nameof(AssessmentState.Submitted) : nameof(AssessmentState.InProgress));
            w.Write(a.IdentityTags, NpgsqlDbType.Jsonb);
            w.Write(a.Answers, NpgsqlDbType.Jsonb);
            w.Write(a.At.AddDays(-30));
            w.Write(a.Submitted ? a.At : (DateTimeOffset?)null);
        });

    /// <summary>The statuses, then their history rows from the same temporary table: the same values, author and time.</summary>
    private static readonly StagedCopy<DemoStatus> TaskStatuses = new("task_statuses",
        $"id, assessment_id, node_id, {AssessmentStore.StatusColumnNames}, updated_by, updated_at", (w, s) =>
        {
            w.Write(s.Id);
            w.Write(s.AssessmentId);
            w.Write(s.NodeId);
            AssessmentStore.WriteStatus(w, s.Value);
            w.Write(Author);
            w.Write(s.At);
            w.Write(s.ChangeId);
        },
        extra: ("change_id", "uuid"),
        also: $"""
            INSERT INTO task_status_changes (tenant_id, id, assessment_id, node_id, {AssessmentStore.StatusColumnNames}, changed_by, changed_at)
            SELECT tenant_id, change_id, assessment_id, node_id, {AssessmentStore.StatusColumnNames}, updated_by, updated_at FROM staged_task_statuses
            """);

    private static readonly StagedCopy<ScoreSnapshot> ScoreSnapshots = new("score_snapshots",
        "id, assessment_id, referential_version_id, kind, taken_at, point_fait, point_programme, point_pas_fait, point_potentiel, score_percent, " +
        "national_fait, national_potentiel",
        (w, s) =>
        {
            w.Write(s.Id);
            w.Write(s.AssessmentId);
            w.Write(s.ReferentialVersionId);
            w.Write(s.Kind.ToString());
            w.Write(s.TakenAt);
            w.Write(s.PointFait);
            w.Write(s.PointProgramme);
            w.Write(s.PointPasFait);
            w.Write(s.PointPotentiel);
            w.Write(s.ScorePercent);
            w.Write(s.NationalFait);
            w.Write(s.NationalPotentiel);
        });

    private static readonly StagedCopy<ScoreNodeTotal> ScoreNodeTotals = new("score_node_totals",
        "id, snapshot_id, node_id, point_fait, point_programme, point_pas_fait, point_potentiel, national_fait, national_potentiel", (w, t) =>
        {
            w.Write(t.Id);
            w.Write(t.SnapshotId);
            w.Write(t.NodeId);
            w.Write(t.PointFait);
            w.Write(t.PointProgramme);
            w.Write(t.PointPasFait);
            w.Write(t.PointPotentiel);
            w.Write(t.NationalFait);
            w.Write(t.NationalPotentiel);
        });
}
