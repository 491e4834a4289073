namespace Assett.Tenancy.Tests;

public sealed class MultiTenantContextAccessorShould
{
    private static readonly TenantInfo Poitiers = new(Guid.NewGuid(), "grand-poitiers", "Grand Poitiers");
    private static readonly TenantInfo Mayotte = new(Guid.NewGuid(), "centre-ouest-mayotte", "Centre-Ouest");
    private readonly MultiTenantContextAccessor _accessor = new();

    [Fact]
    public void HaveNoTenantOutsideAnyScope() => Assert.Null(_accessor.Current);

    [Fact]
    public void RestoreThePreviousTenantWhenANestedScopeEnds()
    {
        using (_accessor.Change(Poitiers))
        {
            using (_accessor.Change(Mayotte))
                Assert.Equal(Mayotte, _accessor.Current);
            Assert.Equal(Poitiers, _accessor.Current);
        }
        Assert.Null(_accessor.Current);
    }

    [Fact]
    public void ShareTheCurrentTenantBetweenInstances()
    {
        using var scope = _accessor.Change(Poitiers);

        Assert.Equal(Poitiers, new MultiTenantContextAccessor().Current);
    }

    [Fact]
    public async Task FlowWithAsyncCallsWithoutLeakingToParallelOnes()
    {
        var seen = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var tenant = i % 2 == 0 ? Poitiers : Mayotte;
            using var scope = _accessor.Change(tenant);
            await Task.Delay(i % 5);
            return (Expected: tenant, Actual: _accessor.Current);
        }));

        Assert.All(seen, s => Assert.Equal(s.Expected, s.Actual));
        Assert.Null(_accessor.Current);
    }

    [Fact]
    public void IgnoreASecondDisposeOfTheSameScope()
    {
        using (_accessor.Change(Poitiers))
        {
            var inner = _accessor.Change(Mayotte);
            inner.Dispose();
            inner.Dispose();
            Assert.Equal(Poitiers, _accessor.Current);
        }
    }
}
