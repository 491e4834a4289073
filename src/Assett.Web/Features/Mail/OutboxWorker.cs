using Assett.Data;
using Assett.Data.Mail;
using Assett.Tenancy;

namespace Assett.Web.Features.Mail;

/// <summary>Sends the outbox of every territory every few seconds, each inside its own tenant scope, until none is due.</summary>
public sealed class OutboxWorker(AssettDatabase database, MailSender sender, ITenantStore tenants, TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatcher = new OutboxDispatcher(database.AppConnectionString, sender, clock, logger);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var tenant in await tenants.ListAsync(stoppingToken))
                    while (await dispatcher.DispatchAsync(tenant, stoppingToken) == OutboxDispatcher.BatchSize)
                    {
                        // A full batch: more are due (a campaign's reminders), sent without waiting for the next tick.
                    }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending the outbox failed; next try in {Interval}", Interval);
            }
        }
    }
}
