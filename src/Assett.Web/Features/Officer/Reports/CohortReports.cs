using Assett.Data.ReferenceData;
using Assett.Web.Features.Shared.Cohorts;
using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Campaigns;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Data.Reports;
using Assett.Tenancy;
using Assett.Web.Features.Officer.Campaigns;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>
/// Produces a territory's cohort report on its current campaign: the figures of the dashboard, frozen,
/// kept with the past ones, and a link emailed to the territory's officers.
/// </summary>
public sealed class CohortReports(AssettDbContext db, ReferentialPackages packages, TerritoryLinks links, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The new report, or the one already produced for <paramref name="period"/>; null without any campaign begun.</summary>
    public async Task<CohortReport?> ProduceAsync(TenantInfo territory, string? period, string requestedBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (period is not null && await db.CohortReports.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period, cancellationToken) is { } done)
            return done;
        var campaign = CohortCampaign.Begun(await db.Campaigns.AsNoTracking().ToListAsync(cancellationToken), territory.DateAt(now));
        if (campaign is null) return null;

        var figures = await FiguresAsync(territory, campaign, cancellationToken);
        var report = new CohortReport
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, Period = period, RequestedBy = requestedBy, CreatedAt = now,
            Figures = JsonSerializer.Serialize(figures, Json),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.CohortReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        var link = $"{links.Site(territory)}/territoire/rapports/{report.Id}";
        var officers = await db.Memberships.Where(m => m.Role == MembershipRole.OfficerAdmin || m.Role == MembershipRole.OfficerReader)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).Distinct().ToListAsync(cancellationToken);
        foreach (var officer in officers)
            await Outbox.EnqueueAsync(db, $"report:{report.Id}:{officer}", officer, $"Rapport de cohorte : {campaign.Name}",
                $"Bonjour,\n\nLe rapport de cohorte de {territory.Name} pour « {campaign.Name} » est prêt : " +
                $"{figures.Funnel.Submitted} autoévaluations transmises " +
                $"sur {figures.Funnel.Invited} organisations invitées.\n\nLe consulter ou le télécharger (Excel) : {link}\n", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    public async Task<ReportFigures> FiguresAsync(TenantInfo territory, Campaign campaign, CancellationToken cancellationToken)
    {
        var package = (await packages.GetAsync(db, campaign.ReferentialVersionId, cancellationToken)).Package;
        var themes = package.Root.Children;
        var names = themes.ToDictionary(t => t.Id, t => $"{t.Identifiant}. {t.Title}");
        names[CohortFigures.Overall] = "Score global";
        var order = themes.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        int Order(string nodeId) => order.GetValueOrDefault(nodeId, nodeId == CohortFigures.Overall ? 0 : int.MaxValue);

        async Task<List<ReportQuartiles>> QuartilesAsync(string dimension, Func<string, string> group) =>
            [.. (await CohortFigures.QuartilesAsync(db, territory.Id, campaign.Id, dimension, cancellationToken))
                .LargeEnough(q => q.Organisations)
                .Where(q => names.ContainsKey(q.NodeId))
                .OrderBy(q => Order(q.NodeId)).ThenBy(q => group(q.Value))
                .Select(q => new ReportQuartiles(q.NodeId, names[q.NodeId], group(q.Value), q.Organisations, q.Q1, q.Median, q.Q3))];

        var funnel = await CohortFigures.FunnelAsync(db, territory.Id, campaign.Id, cancellationToken);
        var overall = await QuartilesAsync("tous", _ => "Toutes les organisations");
        var bySize = await QuartilesAsync("taille", v => v == "?" ? "Non renseigné" : OrganisationLabels.Of(Enum.Parse<HeadcountBand>(v)));
        var bySector = await QuartilesAsync("secteur", v => v == "?" ? "Non renseigné" : NafCodes.SectionName(v));
        var previous = await CohortFigures.PreviousAsync(db, campaign, cancellationToken);
        var progress = previous is null ? [] : (await CohortFigures.ProgressAsync(db, territory.Id, previous.Id, campaign.Id, cancellationToken))
            .LargeEnough(p => p.Organisations)
            .Where(p => names.ContainsKey(p.NodeId)).OrderBy(p => Order(p.NodeId))
            .Select(p => new ReportProgress(p.NodeId, names[p.NodeId], p.Organisations, p.Before, p.After)).ToList();
        var meetings = await MeetingFigures.OfAsync(db, territory, package, campaign.OpensOn, campaign.ClosesOn, cancellationToken);
        return new ReportFigures(territory.Name, campaign.Name, funnel, overall, bySize, bySector, previous?.Name, progress,
            new ReportMeetings(meetings.Held(clock.GetUtcNow()).Count(), meetings.Registrations, meetings.AttendanceRate, meetings.Met, meetings.Members,
                meetings.NeverMet.Count, meetings.ByTheme));
    }

    public static ReportFigures Read(CohortReport report) => JsonSerializer.Deserialize<ReportFigures>(report.Figures, Json)!;
}
