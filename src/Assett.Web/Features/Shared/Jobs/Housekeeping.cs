using Assett.Data;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>
/// Daily housekeeping (Hangfire): expired and revoked tokens and authorizations (OpenIddict), and the
/// outbox's messages sent more than <see cref="KeepSent"/> ago, territory by territory (each set
/// explicitly, as row-level security requires).
/// </summary>
public sealed class Housekeeping(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, ITenantStore tenants,
    IMultiTenantContextAccessor accessor, AssettDbContext db, TimeProvider clock, ILogger<Housekeeping> logger)
{
    public static readonly TimeSpan KeepSent = TimeSpan.FromDays(90);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var prunedTokens = await tokens.PruneAsync(now, cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(now, cancellationToken);
        var removed = 0;
        foreach (var territory in await tenants.ListAsync(cancellationToken))
            removed += await PruneOutboxAsync(territory, now - KeepSent, cancellationToken);
        logger.LogInformation("Housekeeping: {Tokens} token(s), {Authorizations} authorization(s), {Messages} sent message(s) removed",
            prunedTokens, prunedAuthorizations, removed);
        return removed;
    }

    private async Task<int> PruneOutboxAsync(TenantInfo territory, DateTimeOffset before, CancellationToken cancellationToken)
    {
        using var scope = accessor.Change(territory);
        // A new connection, opened under this territory (the interceptor sets it at opening).
        await db.Database.CloseConnectionAsync();
        return await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
