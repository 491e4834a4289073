using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Assett.Data.Mail;

/// <summary>
/// Sends a tenant's due messages one at a time (docs/reliability.md, « Mail leaves once »): each is
/// claimed in a transaction of its own (<c>FOR UPDATE SKIP LOCKED</c>, so two workers never take the
/// same), which pushes its next attempt past the SMTP exchange, and is marked sent as soon as that
/// exchange ends. A crash between the server's acceptance and the mark can resend that one message,
/// with the same Message-Id; none other. A failure is retried with a growing delay, and after
/// <see cref="MaximumAttempts"/> the message is set aside as failed, for platform administrators.
/// </summary>
public sealed class OutboxDispatcher(string appConnectionString, MailSender sender, TimeProvider clock, ILogger logger)
{
    public const int MaximumAttempts = 8;
    public const int ErrorMaxLength = 1000;

    /// <summary>Longer than an SMTP exchange can last (<see cref="MailSender"/>'s timeouts): a claimed message is not claimed twice.</summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);

    /// <summary>Sends the tenant's due messages until none is left; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        await using var session = sender.Open(tenant.Identifier);
        var sent = 0;
        while (await ClaimNextAsync(db, cancellationToken) is { } message)
        {
            try
            {
                var where = await session.SendAsync(message, cancellationToken);
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, clock.GetUtcNow()).SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
                sent++;
                logger.LogDebug("Mail {Id} of {Tenant} sent: {Where}", message.Id, tenant.Identifier, where);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RecordFailureAsync(db, message, e, tenant);
            }
        }
        if (sent > 0) logger.LogInformation("{Sent} mail(s) of {Tenant} sent", sent, tenant.Identifier);
        return sent;
    }

    private async Task<OutboxMessage?> ClaimNextAsync(AssettDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.OutboxMessages.FromSqlInterpolated($"""
            SELECT * FROM outbox_messages WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
            ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (message is null) return null;
        await db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.NextAttemptAt, now + Claim), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return message;
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
            logger.LogWarning("Mail {Id} of {Tenant} failed (attempt {Attempts}), retried at {Next}: {Error}", message.Id, tenant.Identifier, attempts, next, text);
    }
}
