namespace Assett.Tenancy;

/// <summary>The tenant of the current request or job (Finbuckle's <c>IMultiTenantContextAccessor</c>).</summary>
public interface IMultiTenantContextAccessor
{
    /// <summary>The current tenant, or null outside any tenant (platform pages, start-up).</summary>
    TenantInfo? Current { get; }

    /// <summary>Makes <paramref name="tenant"/> current until the returned scope is disposed, then restores the previous one.</summary>
    IDisposable Change(TenantInfo? tenant);
}

/// <summary>
/// Backed by <see cref="AsyncLocal{T}"/>: the tenant flows with the async call, so parallel requests
/// and jobs never see each other's tenant. Background code calls <see cref="Change"/> explicitly, in
/// the method that does the work: a value set inside an async method does not flow back to its caller.
/// </summary>
public sealed class MultiTenantContextAccessor : IMultiTenantContextAccessor
{
    private static readonly AsyncLocal<TenantInfo?> CurrentTenant = new();

    public TenantInfo? Current => CurrentTenant.Value;

    public IDisposable Change(TenantInfo? tenant)
    {
        var previous = CurrentTenant.Value;
        CurrentTenant.Value = tenant;
        return new Scope(() => CurrentTenant.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}
