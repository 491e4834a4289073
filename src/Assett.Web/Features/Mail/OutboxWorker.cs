using Assett.Data;
using Assett.Data.Mail;
using Assett.Tenancy;

namespace Assett.Web.Features.Mail;

/// <summary>
/// Sends the outbox of every territory every few seconds, each inside its own tenant scope. Each
/// territory drains on its own: a long campaign of reminders, or a mail server that hangs, in one
/// never delays another's messages.
/// </summary>
public sealed class OutboxWorker(AssettDatabase database, MailSender sender, ITenantStore tenants, TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatcher = new OutboxDispatcher(database.AppConnectionString, sender, clock, logger);
        var draining = new Dictionary<string, Task>();
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var tenant in await tenants.ListAsync(stoppingToken))
                        if (!draining.TryGetValue(tenant.Identifier, out var drain) || drain.IsCompleted)
                            draining[tenant.Identifier] = DrainAsync(dispatcher, tenant, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Listing the territories to send their outbox failed; next try in {Interval}", Interval);
                }
            }
        }
        finally
        {
            // A message being sent is marked before the host stops; the others stay due.
            await Task.WhenAll(draining.Values);
        }
    }

    private async Task DrainAsync(OutboxDispatcher dispatcher, TenantInfo tenant, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await dispatcher.DispatchAsync(tenant, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sending the outbox of {Tenant} failed; next try in {Interval}", tenant.Identifier, Interval);
        }
    }
}
