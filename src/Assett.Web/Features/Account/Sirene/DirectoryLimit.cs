using System.Net.Http.Headers;
using System.Threading.RateLimiting;

namespace Assett.Web.Features.Account.Sirene;

/// <summary>
/// The directory's limit for this whole host: 7 requests a second, waiting in line within the 3 s of a request, and
/// nothing at all while a <c>Retry-After</c> it sent runs.
/// </summary>
public sealed class DirectoryLimit : IDisposable
{
    private readonly TokenBucketRateLimiter _perSecond = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 7, TokensPerPeriod = 7, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 21,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private long _pausedUntilTicks;

    /// <summary>False while the directory asks us to wait, or when the line is full; a token spent is never given back.</summary>
    public async ValueTask<bool> TryAcquireAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().UtcTicks < Volatile.Read(ref _pausedUntilTicks)) return false;
        using var lease = await _perSecond.AcquireAsync(1, cancellationToken);
        return lease.IsAcquired;
    }

    public void PauseFor(RetryConditionHeaderValue? retryAfter, TimeProvider clock)
    {
        var until = retryAfter?.Date ?? clock.GetUtcNow() + (retryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        Volatile.Write(ref _pausedUntilTicks, until.UtcTicks);
    }

    public void Dispose() => _perSecond.Dispose();
}
