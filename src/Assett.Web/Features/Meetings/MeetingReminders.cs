using Assett.Data;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Meetings;

/// <summary>
/// Reminds each person registered to a published meeting, once, two days before it starts (Hangfire,
/// every hour), with the meeting's calendar file. Claiming the registration and queuing its message
/// happen in one transaction: two workers, or a retry, send it once. An address that stopped the
/// reminders (the link at the bottom of each) is not claimed.
/// </summary>
public sealed class MeetingReminders(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, MeetingMails mails,
    TimeProvider clock, ILogger<MeetingReminders> logger) : ITerritoryJob
{
    public const string Schedule = "40 * * * *";
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(2);

    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    public async Task<int> RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.SqlQueryRaw<Claimed>(ClaimSql, new NpgsqlParameter("tenant", found.Id), new NpgsqlParameter("now", now),
            new NpgsqlParameter("until", now + Ahead)).ToListAsync(cancellationToken);
        var meetingIds = due.Select(d => d.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var queued = 0;
        foreach (var registration in due)
            if (await mails.ReminderAsync(found, meetings[registration.MeetingId], registration.Id, registration.Name, registration.Email,
                    cancellationToken))
                queued++;
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{Count} meeting reminder(s) queued for {Territory}", queued, territory);
        return queued;
    }

    private sealed record Claimed(Guid Id, Guid MeetingId, string Name, string Email);

    private const string ClaimSql = $"""
        UPDATE meeting_registrations r SET reminded_at = @now
        FROM meetings m
        WHERE r.tenant_id = @tenant AND m.tenant_id = r.tenant_id AND m.id = r.meeting_id
          AND r.state = '{nameof(RegistrationState.Registered)}' AND r.reminded_at IS NULL
          AND m.state = '{nameof(MeetingState.Published)}' AND m.starts_at > @now AND m.starts_at <= @until
          AND NOT EXISTS (SELECT 1 FROM meeting_mail_opt_outs o
                          WHERE o.tenant_id = r.tenant_id AND o.email = r.email AND o.kind = '{nameof(MeetingMailKind.Reminder)}')
        RETURNING r.id, r.meeting_id, r.name, r.email
        """;
}
