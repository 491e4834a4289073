using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Campaigns;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Campaigns;

/// <summary>What opening or closing a campaign did, or why it was refused (in the officer's words).</summary>
public sealed record CampaignChange(Campaign? Campaign, string? Refused)
{
    public bool Done => Refused is null && Campaign is not null;
}

/// <summary>
/// A campaign's opening and closing, by an officer or on its dates in the territory's time zone, the
/// one implementation of both. Opening carries the open commitments over and emails every member
/// organisation once (the outbox key); each change holds the campaign's row lock, so two officers, or an
/// officer and the calendar, meet in turn. The calendar acts once, on the date, and never undoes an
/// officer's open or close (docs/decisions.md).
/// </summary>
public sealed class CampaignCalendar(AssettDbContext db, CommitmentBook commitments, TerritoryLinks links, TimeProvider clock)
{
    public Task<CampaignChange> OpenAsync(TenantInfo territory, Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(territory, id, CampaignState.Open, cancellationToken);

    public Task<CampaignChange> CloseAsync(TenantInfo territory, Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(territory, id, CampaignState.Closed, cancellationToken);

    /// <summary>
    /// What the dates ask for today: the open campaign past its last day closes (unless an officer opened
    /// it after that day, on purpose), then a planned campaign whose window holds today opens, if it never
    /// was. Returns what changed.
    /// </summary>
    public async Task<IReadOnlyList<Campaign>> RunAsync(TenantInfo territory, CancellationToken cancellationToken)
    {
        var today = territory.DateAt(clock.GetUtcNow());
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.OpensOn).ToListAsync(cancellationToken);
        var changed = new List<Campaign>();
        foreach (var due in campaigns.Where(c => c.State == CampaignState.Open && c.ClosesOn < today
                     && (c.OpenedAt is not { } opened || territory.DateAt(opened) <= c.ClosesOn)))
            if (await CloseAsync(territory, due.Id, cancellationToken) is { Done: true, Campaign: { } closed }) changed.Add(closed);
        foreach (var due in campaigns.Where(c => c.State == CampaignState.Planned && c.OpenedAt is null && c.OpensOn <= today && today <= c.ClosesOn))
            if (await OpenAsync(territory, due.Id, cancellationToken) is { Done: true, Campaign: { } opened }) changed.Add(opened);
        return changed;
    }

    /// <summary>Planned → open → closed, one campaign open at a time.</summary>
    private async Task<CampaignChange> ChangeAsync(TenantInfo territory, Guid id, CampaignState state, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var campaign = await db.Campaigns.FromSqlRaw(LockCampaignSql, new Npgsql.NpgsqlParameter("id", id)).SingleOrDefaultAsync(cancellationToken);
        if (campaign is null) return new CampaignChange(null, "Cette campagne n’existe pas.");
        var open = await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Open && c.Id != id).Select(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken);
        var refused = (campaign.State, state) switch
        {
            (CampaignState.Planned, CampaignState.Open) when open is not null
                => $"« {open} » est encore ouverte : fermez-la avant d’ouvrir « {campaign.Name} ».",
            (CampaignState.Planned, CampaignState.Open) or (CampaignState.Open, CampaignState.Closed) => null,
            _ => $"« {campaign.Name} » est {Dashboard.Words.State(campaign.State)} : elle ne peut pas devenir {Dashboard.Words.State(state)}.",
        };
        if (refused is not null) return new CampaignChange(campaign, refused);
        var now = clock.GetUtcNow();
        campaign.State = state;
        if (state == CampaignState.Open)
        {
            campaign.OpenedAt = now;
            await commitments.CarryOverAsync(campaign, cancellationToken);
        }
        else campaign.ClosedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (state == CampaignState.Open) await AnnounceAsync(territory, campaign, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CampaignChange(campaign, null);
    }

    /// <summary>One message per member organisation (an active membership), to its first owner, as for reminders.</summary>
    private async Task AnnounceAsync(TenantInfo territory, Campaign campaign, CancellationToken cancellationToken)
    {
        var owners = await db.FirstOwnersAsync(null, cancellationToken);
        var names = await db.Organisations.AsNoTracking().Where(o => owners.Keys.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var link = $"{links.Site(territory)}/evaluation";
        foreach (var (organisationId, email) in owners)
        {
            var message = $"{territory.Name} ouvre « {campaign.Name} » : l’autoévaluation de {names[organisationId]} est ouverte jusqu’au " +
                $"{French.Day(campaign.ClosesOn)}. Vos réponses de la campagne précédente sont reprises, et vos engagements en cours restent " +
                "dans votre plan d’action.";
            await Outbox.EnqueueNoticeAsync(db, $"campaign-opened:{campaign.Id}:{organisationId}", email, $"« {campaign.Name} » est ouverte", message,
                ("Commencer l’autoévaluation", link), cancellationToken);
        }
    }

    private const string LockCampaignSql = "SELECT * FROM campaigns WHERE id = @id FOR UPDATE";
}
