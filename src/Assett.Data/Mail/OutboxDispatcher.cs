using Npgsql;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Assett.Data.Mail;

/// <summary>
/// Sends a tenant's due messages (docs/reliability.md, « Mail leaves once »). Small batches are claimed
/// in one statement (<c>FOR UPDATE SKIP LOCKED</c>, so two workers never take the same), which pushes
/// their next attempt past the time a batch may take; the messages a batch delivered are marked sent
/// in one statement as it ends, or as soon as the mail server fails. A crash of the host in the middle
/// of a batch can resend what that batch had delivered (at most <see cref="BatchSize"/>, each with its
/// same Message-Id); the rest of the batch is due again once the claim lapses. A failure is retried
/// with a growing delay, and after <see cref="MaximumAttempts"/> the message is set aside as failed,
/// for platform administrators.
/// </summary>
public sealed class OutboxDispatcher(string appConnectionString, MailSender sender, TimeProvider clock, ILogger logger)
{
    public const int MaximumAttempts = 8;
    public const int ErrorMaxLength = 1000;
    public const int BatchSize = 20;

    /// <summary>How long a claimed batch is left to its worker; a batch stops before half of it has passed.</summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);

    /// <summary>Sends the tenant's due messages until none is left (or the mail server fails); returns how many were sent.</summary>
    public async Task<int> DispatchAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        await using var session = sender.Open(tenant.Identifier);
        var sent = 0;
        while (true)
        {
            var claimedAt = clock.GetUtcNow();
            var batch = await ClaimAsync(db, claimedAt, cancellationToken);
            if (batch.Count == 0) break;
            var (done, failed, delivered) = (0, false, new List<Guid>());
            foreach (var message in batch)
            {
                if (failed || cancellationToken.IsCancellationRequested || clock.GetUtcNow() - claimedAt > Claim / 2) break;
                try
                {
                    var where = await session.SendAsync(message, cancellationToken);
                    delivered.Add(message.Id);
                    logger.LogDebug("Mail {Id} of {Tenant} sent: {Where}", message.Id, tenant.Identifier, where);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await RecordFailureAsync(db, message, e, tenant);
                    failed = true; // the server is likely down for the others too: they wait for the next round
                }
                done++;
            }
            // One commit per batch, not per message: a commit waits for the disk, and per message it made sending 3.5 times slower.
            var now = clock.GetUtcNow();
            if (delivered.Count > 0)
                await db.OutboxMessages.Where(m => delivered.Contains(m.Id))
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, now).SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
            sent += delivered.Count;
            // The batch's messages not tried are due again now, without an attempt counted.
            var untried = batch.Skip(done).Select(m => m.Id).ToList();
            if (untried.Count > 0)
                await db.OutboxMessages.Where(m => untried.Contains(m.Id))
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.NextAttemptAt, now), CancellationToken.None);
            if (failed || untried.Count > 0) break;
        }
        if (sent > 0) logger.LogInformation("{Sent} mail(s) of {Tenant} sent", sent, tenant.Identifier);
        return sent;
    }

    private const string ClaimSql = """
        UPDATE outbox_messages SET next_attempt_at = @claimed_until
        WHERE id IN (SELECT id FROM outbox_messages WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
                     ORDER BY next_attempt_at LIMIT @size FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    private static async Task<List<OutboxMessage>> ClaimAsync(AssettDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages.FromSqlRaw(ClaimSql, new NpgsqlParameter("claimed_until", now + Claim), new NpgsqlParameter("now", now),
                new NpgsqlParameter("size", BatchSize))
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken); // an UPDATE cannot be composed over: row-level security scopes it
        await transaction.CommitAsync(cancellationToken);
        return [.. batch.OrderBy(m => m.CreatedAt)];
    }

    private async Task RecordFailureAsync(AssettDbContext db, OutboxMessage message, Exception error, TenantInfo tenant)
    {
        var attempts = message.Attempts + 1;
        var now = clock.GetUtcNow();
        var failed = attempts >= MaximumAttempts;
        // 2, 4, 8… minutes: about four hours in all before the message is set aside.
        var next = now + TimeSpan.FromMinutes(Math.Pow(2, attempts));
        var text = error.Message.Length > ErrorMaxLength ? error.Message[..ErrorMaxLength] : error.Message;
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.LastError, text)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.FailedAt, failed ? now : (DateTimeOffset?)null), CancellationToken.None);
        if (failed)
            logger.LogError("Mail {Id} of {Tenant} set aside after {Attempts} failed attempts: {Error}", message.Id, tenant.Identifier, attempts, text);
        else
            logger.LogWarning("Mail {Id} of {Tenant} failed (attempt {Attempts}), retried at {Next}: {Error}",
                message.Id, tenant.Identifier, attempts, next, text);
    }
}
