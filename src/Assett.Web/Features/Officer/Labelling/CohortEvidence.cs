using Assett.Data;
using Assett.Data.Commitments;
using Assett.Data.Labelling;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Commitments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Labelling;

public sealed record CharterVersionRow(int Version, bool InForce, int Signatories, int NewInPeriod);

/// <summary>A quantified commitment; the organisation is named only where it chose to be listed publicly.</summary>
public sealed record CommitmentRow(string Organisation, string Target, DateOnly DueDate, string State, string? FollowUp);

public sealed record HeldMeetingRow(DateTimeOffset StartsAt, string Title, string Kind, int Participants, int Organisations, int MemberCommunes);

public sealed record PlannedMeetingRow(DateTimeOffset StartsAt, string Title, string Kind);

/// <summary>A member commune of the intercommunality that is in the cohort, and whether it came to a meeting held in the period.</summary>
public sealed record MemberCommuneRow(string Name, string Insee, bool Met);

/// <summary>
/// What the cohort's data show over a period for « Territoire engagé » (docs/labelling.md): the counters the
/// mapping's thresholds read, and the tables behind them. Names of organisations appear only for those
/// listed publicly (docs/decisions.md, « Public means opted in »); member communes, public bodies, by name.
/// </summary>
public sealed class CohortEvidence
{
    public const string Unlisted = "Organisation non publiée";

    public required ReportingPeriod Period { get; init; }
    public required IReadOnlyDictionary<EvidenceCounter, int> Counts { get; init; }
    public int? CharterInForce { get; init; }
    public IReadOnlyList<CharterVersionRow> CharterVersions { get; init; } = [];
    public IReadOnlyList<string> ListedSignatories { get; init; } = [];
    public IReadOnlyList<CommitmentRow> Commitments { get; init; } = [];
    public IReadOnlyList<HeldMeetingRow> Held { get; init; } = [];
    public IReadOnlyList<PlannedMeetingRow> Planned { get; init; } = [];
    public int SupportedByMeetings { get; init; }
    public int SupportedByCommitments { get; init; }
    public int CommunesOfTerritory { get; init; }
    public IReadOnlyList<MemberCommuneRow> MemberCommunes { get; init; } = [];

    public int this[EvidenceCounter counter] => Counts.GetValueOrDefault(counter);

    /// <param name="siren">The territory's SIREN, whose member communes the reference data give.</param>
    /// <param name="charterInForce">The version of the charter organisations accept now, if any.</param>
    public static async Task<CohortEvidence> OfAsync(AssettDbContext db, TenantInfo territory, string? siren, int? charterInForce,
        ReportingPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (start, end) = period.Instants(territory);
        var today = territory.DateAt(now);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.CreatedAt < end && !o.AwaitingApproval)
            .Select(o => new { o.Id, o.Name, o.Kind, o.Siret, o.ListedPublicly }).ToDictionaryAsync(o => o.Id, cancellationToken);
        string Named(Guid id) => organisations.TryGetValue(id, out var o) && o.ListedPublicly ? o.Name : Unlisted;

        var acceptances = await db.CharterAcceptances.AsNoTracking().Where(a => a.AcceptedAt < end).ToListAsync(cancellationToken);
        var versions = acceptances.Select(a => a.Version).Append(charterInForce ?? 0).Where(v => v > 0).Distinct().Order()
            .Select(v => new CharterVersionRow(v, v == charterInForce,
                acceptances.Where(a => a.Version == v).Select(a => a.OrganisationId).Distinct().Count(),
                acceptances.Count(a => a.Version == v && a.AcceptedAt >= start)))
            .ToList();
        var signatories = acceptances.Select(a => a.OrganisationId).Distinct().ToList();

        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.Deliverable == null && c.CreatedAt < end && (c.ClosedAt == null || c.ClosedAt >= start)).ToListAsync(cancellationToken);
        var followUps = await db.CommitmentEvents.AsNoTracking()
            .Where(e => e.At >= start && e.At < end && e.Actor != null
                && (e.Kind == CommitmentEventKind.Edited || e.Kind == CommitmentEventKind.Done || e.Kind == CommitmentEventKind.Abandoned))
            .Join(db.Commitments, e => e.CommitmentId, c => c.Id, (e, c) => new { e.CommitmentId, c.OrganisationId, e.At, e.Detail })
            .ToListAsync(cancellationToken);
        var lastFollowUp = followUps.GroupBy(f => f.CommitmentId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.At)!);

        var meetings = await db.Meetings.AsNoTracking().Where(m => m.State == MeetingState.Published && m.StartsAt >= start)
            .ToListAsync(cancellationToken);
        var held = meetings.Where(m => m.StartsAt < end && MeetingFigures.IsHeld(m, now)).OrderBy(m => m.StartsAt).ToList();
        var heldIds = held.Select(m => m.Id).ToList();
        var present = await db.MeetingRegistrations.AsNoTracking().Where(r => heldIds.Contains(r.MeetingId) && r.Attended == true)
            .Select(r => new { r.MeetingId, r.OrganisationId }).ToListAsync(cancellationToken);

        var communes = siren is null ? [] : Data.ReferenceData.Territories.CommunesOf(siren);
        var communeBySiren = communes.Where(c => c.Siren is not null).ToDictionary(c => c.Siren!, StringComparer.Ordinal);
        var publicBodies = organisations.Values.Where(o => o.Kind == OrganisationKind.EtablissementPublic).ToList();
        var memberCommunes = publicBodies.Where(o => o.Siret is { Length: 14 } && communeBySiren.ContainsKey(o.Siret[..9]))
            .ToDictionary(o => o.Id, o => communeBySiren[o.Siret![..9]]);
        var met = present.Select(p => p.OrganisationId).ToHashSet();
        var supportedByMeetings = met.Where(organisations.ContainsKey).ToHashSet();
        var supportedByCommitments = followUps.Select(f => f.OrganisationId).Where(organisations.ContainsKey).ToHashSet();

        var counts = new Dictionary<EvidenceCounter, int>
        {
            [EvidenceCounter.Signatories] = signatories.Count,
            [EvidenceCounter.MeetingsHeld] = held.Count,
            [EvidenceCounter.MeetingsPlanned] = meetings.Count(m => m.StartsAt > now),
            [EvidenceCounter.Participants] = present.Count,
            [EvidenceCounter.QuantifiedCommitments] = commitments.Count,
            [EvidenceCounter.FollowedCommitments] = lastFollowUp.Count,
            [EvidenceCounter.SupportedOrganisations] = supportedByMeetings.Union(supportedByCommitments).Count(),
            [EvidenceCounter.PublicBodies] = publicBodies.Count,
            [EvidenceCounter.MemberCommunes] = memberCommunes.Count,
            [EvidenceCounter.MemberCommunesMet] = memberCommunes.Keys.Count(met.Contains),
        };
        return new CohortEvidence
        {
            Period = period,
            Counts = counts,
            CharterInForce = charterInForce,
            CharterVersions = versions,
            ListedSignatories = [.. signatories.Where(id => organisations.TryGetValue(id, out var o) && o.ListedPublicly)
                .Select(id => organisations[id].Name).Order(French.Names)],
            Commitments = [.. commitments.OrderBy(c => c.DueDate).Select(c => new CommitmentRow(Named(c.OrganisationId), CommitmentWords.Target(c),
                c.DueDate, CommitmentWords.State(c, today), lastFollowUp.TryGetValue(c.Id, out var f) ? f.Detail : null))],
            Held = [.. held.Select(m => new HeldMeetingRow(m.StartsAt, m.Title, MeetingWords.Kind(m.Kind), present.Count(p => p.MeetingId == m.Id),
                present.Where(p => p.MeetingId == m.Id).Select(p => p.OrganisationId).Distinct().Count(),
                present.Where(p => p.MeetingId == m.Id && memberCommunes.ContainsKey(p.OrganisationId)).Select(p => p.OrganisationId).Distinct().Count()))],
            Planned = [.. meetings.Where(m => m.StartsAt > now).OrderBy(m => m.StartsAt)
                .Select(m => new PlannedMeetingRow(m.StartsAt, m.Title, MeetingWords.Kind(m.Kind)))],
            SupportedByMeetings = supportedByMeetings.Count,
            SupportedByCommitments = supportedByCommitments.Count,
            CommunesOfTerritory = communes.Count,
            MemberCommunes = [.. memberCommunes.Select(p => new MemberCommuneRow(p.Value.Name, p.Value.Code, met.Contains(p.Key)))
                .OrderBy(c => c.Name, French.Names)],
        };
    }
}
