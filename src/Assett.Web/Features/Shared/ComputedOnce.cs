using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Shared;

public static class ComputedOnce
{
    /// <summary>
    /// A figure kept <paramref name="keptFor"/> under <paramref name="key"/>, computed once for everyone who asks at the same
    /// time; a failed computation is not kept.
    /// </summary>
    public static async Task<T> GetOnceAsync<T>(this IMemoryCache cache, object key, TimeSpan keptFor, Func<Task<T>> compute)
    {
        var once = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = keptFor;
            return new Lazy<Task<T>>(compute);
        })!;
        try
        {
            return await once.Value;
        }
        catch
        {
            cache.Remove(key);
            throw;
        }
    }
}
