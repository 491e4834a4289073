using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Assett.Data.Mail;

/// <summary>
/// Sends a tenant's due messages. Each batch is locked with <c>FOR UPDATE SKIP LOCKED</c>, so several
/// workers never send the same message; a failure is recorded and retried later with a growing delay.
/// </summary>
public sealed class OutboxDispatcher(string appConnectionString, MailSender sender, TimeProvider clock, ILogger logger)
{
    /// <summary>Messages sent per transaction: a full batch sent means more may be due (the caller drains them).</summary>
    public const int BatchSize = 200;
    private static readonly TimeSpan MaximumDelay = TimeSpan.FromHours(6);

    /// <summary>Sends a batch of one tenant's due messages; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var sent = 0;
        await using var session = sender.Open(tenant.Identifier);
        foreach (var message in due)
        {
            try
            {
                var where = await session.SendAsync(message, cancellationToken);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
                sent++;
                logger.LogDebug("Mail « {Subject} » to {To} sent: {Where}", message.Subject, message.ToAddress, where);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                var delay = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, message.Attempts), MaximumDelay.TotalMinutes));
                message.NextAttemptAt = clock.GetUtcNow() + delay;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                logger.LogWarning("Mail « {Subject} » to {To} failed (attempt {Attempts}), retried in {Delay}: {Error}",
                    message.Subject, message.ToAddress, message.Attempts, delay, e.Message);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0) logger.LogInformation("{Sent} of {Due} mail(s) of {Tenant} sent", sent, due.Count, tenant.Identifier);
        return sent;
    }
}
