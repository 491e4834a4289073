using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Commitments;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.ActionPlan;

/// <summary>
/// Reminds an organisation, once per commitment, that a commitment is past its due date (Hangfire,
/// daily in the territory's time zone). Claiming the commitment and queuing its message happen in one
/// transaction: two workers, or a retry, never send it twice.
/// </summary>
public sealed class OverdueCommitments(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, TerritoryLinks links,
    TimeProvider clock, ILogger<OverdueCommitments> logger) : ITerritoryJob
{
    /// <summary>Every morning at eight.</summary>
    public const string Schedule = "0 8 * * *";

    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    public async Task<int> RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.SqlQueryRaw<Claimed>(ClaimSql, new NpgsqlParameter("tenant", found.Id), new NpgsqlParameter("now", now),
            new NpgsqlParameter("today", found.DateAt(now))).ToListAsync(cancellationToken);
        var owners = await db.FirstOwnersAsync([.. due.Select(d => d.OrganisationId).Distinct()], cancellationToken);
        var link = $"{links.Site(found)}/plan-action";
        var queued = 0;
        foreach (var commitment in due.Where(d => owners.ContainsKey(d.OrganisationId)))
        {
            var what = commitment.Deliverable ?? commitment.Indicator;
            var message = $"L’engagement « {what} » de votre plan d’action, porté par {commitment.Carrier}, devait aboutir le " +
                $"{French.Day(commitment.DueDate)}. Marquez-le comme réalisé, donnez-lui une nouvelle échéance ou abandonnez-le : " +
                "votre plan reste à jour pour vous et pour le territoire.";
            if (await Outbox.EnqueueNoticeAsync(db, $"commitment-overdue:{commitment.Id}", owners[commitment.OrganisationId],
                    $"Un engagement a dépassé son échéance : {what}", message, ("Ouvrir le plan d’action", link), cancellationToken))
                queued++;
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{Count} overdue commitment reminder(s) queued for {Territory}", queued, territory);
        return queued;
    }

    private sealed record Claimed(Guid Id, Guid OrganisationId, string? Indicator, string? Deliverable, string Carrier, DateOnly DueDate);

    private const string ClaimSql = $"""
        UPDATE commitments SET overdue_reminded_at = @now
        WHERE tenant_id = @tenant AND state = '{nameof(CommitmentState.Open)}' AND overdue_reminded_at IS NULL AND due_date < @today
        RETURNING id, organisation_id, indicator, deliverable, carrier, due_date
        """;
}
