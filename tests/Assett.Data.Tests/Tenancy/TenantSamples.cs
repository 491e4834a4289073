using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Audit;
using Assett.Data.Campaigns;
using Assett.Data.Commitments;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Data.Referentials;
using Assett.Data.Tenants;
using Assett.Tenancy;

namespace Assett.Data.Tests.Tenancy;

/// <summary>Two tenants, each with one row of every tenant-owned entity, for the leakage tests.</summary>
public sealed class TenantSamples
{
    public required TenantInfo A { get; init; }
    public required TenantInfo B { get; init; }

    /// <summary>The id of each sample row, by entity type and tenant.</summary>
    public required IReadOnlyDictionary<(Type Type, Guid Tenant), Guid> Ids { get; init; }

    public static async Task<TenantSamples> CreateAsync(string connectionString)
    {
        var accessor = new MultiTenantContextAccessor();
        var a = new TenantInfo(Guid.NewGuid(), "territoire-a", "Territoire A");
        var b = new TenantInfo(Guid.NewGuid(), "territoire-b", "Territoire B");
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = "membre@example.fr", Email = "membre@example.fr" };
        await using (var platform = AssettDbContextOptions.Create(connectionString))
        {
            foreach (var tenant in new[] { a, b })
                platform.Tenants.Add(new Tenant { Id = tenant.Id, Identifier = tenant.Identifier, Name = tenant.Name, DisplayName = tenant.Name });
            platform.Users.Add(user);
            await platform.SaveChangesAsync();
        }
        var ids = new Dictionary<(Type, Guid), Guid>();
        foreach (var tenant in new[] { a, b })
        {
            using var scope = accessor.Change(tenant);
            await using var db = AssettDbContextOptions.Create(connectionString);
            foreach (var row in Rows(tenant.Identifier, user.Id))
            {
                db.Add(row);
                ids[(row.GetType(), tenant.Id)] = (Guid)row.GetType().GetProperty("Id")!.GetValue(row)!;
            }
            await db.SaveChangesAsync();
        }
        return new TenantSamples { A = a, B = b, Ids = ids };
    }

    /// <summary>One row of every tenant-owned entity, linked to each other.</summary>
    private static IEnumerable<object> Rows(string tag, Guid userId)
    {
        var now = DateTimeOffset.UtcNow;
        var organisation = new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = $"Entreprise {tag}", Kind = OrganisationKind.Entreprise };
        var version = new ReferentialVersion { Id = Guid.NewGuid(), BasePackage = "demo", ReferentialId = "demo", ContentHash = $"hash-{tag}", Label = "v1" };
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = "Campagne 2026", OpensOn = new(2026, 1, 1), ClosesOn = new(2026, 6, 30), ReferentialVersionId = version.Id,
        };
        var assessment = new Assessment { Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, Answers = { ["flotte"] = "OUI" } };
        var meeting = new Meetings.Meeting { Id = Guid.NewGuid(), Title = "Atelier énergie", DurationMinutes = 90, StartsAt = now, CreatedBy = "officer" };
        var commitment = new Commitment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, NodeId = "demo_1.2", Deliverable = "Un audit",
            Carrier = "Directrice", CreatedBy = "owner",
        };
        var snapshot = new ScoreSnapshot { Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = version.Id };
        return
        [
            new TenantOfficer { Id = Guid.NewGuid(), Name = "Chargée de mission", Email = $"officer@{tag}.fr" },
            organisation, version, campaign, assessment, snapshot,
            new TaskStatusEntry
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = "demo_1.1", Status = new StatusValue("fait", 1), UpdatedBy = "owner",
            },
            new TaskStatusChange
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = "demo_1.1", Status = new StatusValue("fait", 1), ChangedBy = "owner",
                ChangedAt = now,
            },
            new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "demo_1" },
            commitment,
            new CommitmentEvent { Id = Guid.NewGuid(), CommitmentId = commitment.Id, Detail = "créé" },
            new CharterAcceptance { Id = Guid.NewGuid(), OrganisationId = organisation.Id, Version = 1, AcceptedBy = "owner", AcceptedAt = now },
            new Bilans.Bilan { Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, FrozenAt = now, Figures = "{}" },
            meeting,
            new Meetings.MeetingRegistration
            {
                Id = Guid.NewGuid(), MeetingId = meeting.Id, OrganisationId = organisation.Id, Name = "Directrice", Email = $"directrice@{tag}.fr",
                RegisteredBy = "owner", RegisteredAt = now,
            },
            new Meetings.MeetingMaterial
            {
                Id = Guid.NewGuid(), MeetingId = meeting.Id, FileName = "support.pdf", ContentType = "application/pdf", Content = [1, 2, 3], Size = 3,
                AddedBy = "officer", AddedAt = now,
            },
            new Meetings.MeetingMailOptOut { Id = Guid.NewGuid(), Email = $"directrice@{tag}.fr", At = now },
            new Labelling.EvidenceConfirmation { Id = Guid.NewGuid(), CaeId = "cae_6.1.1.3.1", ConfirmedBy = "officer", ConfirmedAt = now },
            new Invitation
            {
                Id = Guid.NewGuid(), Email = $"contact@{tag}.fr", OrganisationId = organisation.Id, TokenHash = $"token-{tag}", CreatedBy = "officer",
            },
            new OutboxMessage
            {
                Id = Guid.NewGuid(), UniqueKey = $"welcome-{tag}", ToAddress = $"contact@{tag}.fr", Subject = "Bienvenue", TextBody = "Bonjour",
            },
            new AuditEntry { Id = Guid.NewGuid(), Actor = "cerema", Action = "tenant.created", Subject = tag },
            new Membership { Id = Guid.NewGuid(), UserId = userId, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner },
            new ReminderOptOut { Id = Guid.NewGuid(), CampaignId = campaign.Id, OrganisationId = organisation.Id, At = now },
            new Reports.CohortReport { Id = Guid.NewGuid(), CampaignId = campaign.Id, RequestedBy = "officer", CreatedAt = now, Figures = "{}" },
            new Reports.NationalFigureSet
            {
                Id = Guid.NewGuid(), CampaignId = campaign.Id, ComputedAt = now, Invited = 1, Cells = [new Reports.ScoreCell("demo_1", "C", null, 1)],
                Percents = [50],
            },
        ];
    }
}
