using System.Security.Claims;

namespace Assett.Tenancy;

/// <summary>What a strategy may look at: the request's host, path and authenticated user.</summary>
public sealed record TenantRequest(string Host, string Path, ClaimsPrincipal? User = null);

/// <summary>The tenants Assett knows, by slug and by host.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);
    Task<TenantInfo?> FindByHostAsync(string host, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One way to tell which tenant a request is for: the slug it names, or null when it names none.</summary>
public interface ITenantStrategy
{
    Task<TenantInfo?> ResolveAsync(TenantRequest request, ITenantStore store, CancellationToken cancellationToken);
}

/// <summary>A host configured for a tenant (<c>hosts:</c> in <c>tenant.yaml</c>).</summary>
public sealed class HostStrategy : ITenantStrategy
{
    public Task<TenantInfo?> ResolveAsync(TenantRequest request, ITenantStore store, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(request.Host) ? Task.FromResult<TenantInfo?>(null) : store.FindByHostAsync(request.Host, cancellationToken);
}

/// <summary>The <c>/t/{slug}</c> prefix of the path.</summary>
public sealed class RoutePrefixStrategy : ITenantStrategy
{
    public const string Prefix = "/t/";

    /// <summary>The slug of a <c>/t/{slug}/…</c> path, or null.</summary>
    public static string? SlugOf(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = path[Prefix.Length..];
        var end = rest.IndexOf('/');
        var slug = end < 0 ? rest : rest[..end];
        return slug.Length == 0 ? null : slug;
    }

    /// <summary>The path below the <c>/t/{slug}</c> prefix of <paramref name="path"/> (<c>/</c> for the prefix alone).</summary>
    public static string PathBelow(string path, string slug)
    {
        var prefix = Prefix.Length + slug.Length;
        return path.Length > prefix ? path[prefix..] : "/";
    }

    public Task<TenantInfo?> ResolveAsync(TenantRequest request, ITenantStore store, CancellationToken cancellationToken) =>
        SlugOf(request.Path) is { } slug ? store.FindByIdentifierAsync(slug, cancellationToken) : Task.FromResult<TenantInfo?>(null);
}

/// <summary>The tenant claim of a token (API): a machine client is bound to one tenant.</summary>
public sealed class ClaimStrategy : ITenantStrategy
{
    public const string TenantClaim = "assett:tenant";

    public Task<TenantInfo?> ResolveAsync(TenantRequest request, ITenantStore store, CancellationToken cancellationToken) =>
        request.User?.FindFirst(TenantClaim)?.Value is { Length: > 0 } slug
            ? store.FindByIdentifierAsync(slug, cancellationToken)
            : Task.FromResult<TenantInfo?>(null);
}

/// <summary>Tries strategies in order; the first that finds a tenant wins.</summary>
public sealed class TenantResolver(ITenantStore store, IReadOnlyList<ITenantStrategy> strategies)
{
    public async Task<TenantInfo?> ResolveAsync(TenantRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var strategy in strategies)
            if (await strategy.ResolveAsync(request, store, cancellationToken) is { } tenant)
                return tenant;
        return null;
    }
}
