using Assett.Data.Meetings;
using Npgsql;

namespace Assett.Data.Demo;

/// <summary>
/// The demo's meetings, once per territory: two held in the last weeks (a fifth and a sixth of the demo
/// organisations came) and one to come (a tenth registered), so that the officer's meetings page, its
/// figures and the organisations' pages show something real. Seeding again registers the new organisations.
/// </summary>
internal static class DemoMeetings
{
    private sealed record Planned(string Title, string Description, MeetingKind Kind, int DaysFromToday, string Place, int Percent, bool Held);

    private static readonly Planned[] Meetings =
    [
        new("Atelier sobriété énergétique", "Relever ses compteurs, repérer les gros postes, choisir trois gestes pour l’hiver.", MeetingKind.Atelier, -30,
            "Salle du conseil communautaire", 20, true),
        new("Visite d’une chaufferie bois", "Une entreprise du territoire montre sa chaufferie et ses économies, chiffres à l’appui.", MeetingKind.Visite, -10,
            "Zone d’activités, accueil de l’entreprise hôte", 16, true),
        new("Rencontre plénière de la cohorte", "Le bilan de l’année, les actions communes et les prochains ateliers.", MeetingKind.RencontrePleniere, 14,
            "Hôtel de la communauté", 10, false),
    ];

    public static async Task SeedAsync(NpgsqlConnection connection, Guid tenantId, string ownerEmails, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var (meeting, index) in Meetings.Select((m, i) => (m, i)))
        {
            var startsAt = new DateTimeOffset(now.UtcDateTime.Date.AddDays(meeting.DaysFromToday).AddHours(13), TimeSpan.Zero);
            await using var insert = new NpgsqlCommand(InsertMeetingSql, connection);
            foreach (var value in new object[] { tenantId, meeting.Title, meeting.Description, meeting.Kind.ToString(), startsAt, meeting.Place, now })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            var id = (Guid)(await insert.ExecuteScalarAsync(cancellationToken))!;
            await using var register = new NpgsqlCommand(RegisterSql, connection);
            foreach (var value in new object?[] { id, startsAt.AddDays(-7), ownerEmails, $"meeting-{index}", meeting.Percent, meeting.Held })
                register.Parameters.Add(new NpgsqlParameter { Value = value });
            await register.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The demo meeting of that title, created once; returns its id.</summary>
    private const string InsertMeetingSql = $$"""
        WITH created AS (
            INSERT INTO meetings (tenant_id, id, title, description, kind, starts_at, duration_minutes, place, capacity, themes, speakers, audience,
                                  state, sequence, created_by, created_at, published_at, invited_organisations, links)
            SELECT $1, gen_random_uuid(), $2::text, $3, $4, $5, 120, $6, NULL, '{}', '{}', '{}', '{{nameof(MeetingState.Published)}}', 0, 'demo', $7, $7,
                   '{}', '[]'
            WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE tenant_id = $1 AND created_by = 'demo' AND title = $2::text)
            RETURNING id)
        SELECT id FROM created
        UNION ALL SELECT id FROM meetings WHERE tenant_id = $1 AND created_by = 'demo' AND title = $2::text
        LIMIT 1
        """;

    /// <summary>A share of the demo organisations, each by its first owner's address, present when the meeting was held.</summary>
    private const string RegisterSql = $"""
        INSERT INTO meeting_registrations (tenant_id, id, meeting_id, organisation_id, name, email, state, registered_at, registered_by, attended)
        SELECT o.tenant_id, gen_random_uuid(), $1, o.id, 'Contact de ' || o.name, min(u.email), '{nameof(RegistrationState.Registered)}', $2,
               min(u.email), CASE WHEN $6 THEN true END
        FROM organisations o
        JOIN memberships m ON m.tenant_id = o.tenant_id AND m.organisation_id = o.id AND m.role = '{nameof(Accounts.MembershipRole.OrganisationOwner)}'
        JOIN users u ON u.id = m.user_id AND u.email LIKE $3
        WHERE abs(hashtext(o.id::text || $4)) % 100 < $5
        GROUP BY o.tenant_id, o.id, o.name
        ON CONFLICT (tenant_id, meeting_id, email) DO NOTHING
        """;
}
