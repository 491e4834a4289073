using System.Security.Claims;

namespace Assett.Tenancy.Tests;

public sealed class TenantResolverShould
{
    private static readonly TenantInfo Poitiers = new(Guid.NewGuid(), "grand-poitiers", "Grand Poitiers") { Hosts = ["assett.grandpoitiers.fr"] };
    private static readonly TenantInfo Toulouse = new(Guid.NewGuid(), "toulouse-metropole", "Toulouse Métropole");

    private sealed class Store : ITenantStore
    {
        private readonly TenantInfo[] _tenants = [Poitiers, Toulouse];

        public Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
            Task.FromResult(_tenants.FirstOrDefault(t => t.Identifier == identifier));

        public Task<TenantInfo?> FindByHostAsync(string host, CancellationToken cancellationToken = default) =>
            Task.FromResult(_tenants.FirstOrDefault(t => t.Hosts.Contains(host)));

        public Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TenantInfo>>(_tenants);
    }

    private static readonly TenantResolver PageResolver = new(new Store(), [new HostStrategy(), new RoutePrefixStrategy()]);

    [Theory]
    [InlineData("/t/grand-poitiers", "grand-poitiers")]
    [InlineData("/t/grand-poitiers/resultats", "grand-poitiers")]
    [InlineData("/T/toulouse-metropole/", "toulouse-metropole")]
    [InlineData("/t/", null)]
    [InlineData("/tarifs", null)]
    [InlineData("/", null)]
    public void ReadTheSlugOfTheRoutePrefix(string path, string? slug) => Assert.Equal(slug, RoutePrefixStrategy.SlugOf(path));

    [Fact]
    public async Task PreferTheHostToTheRoutePrefix()
    {
        var tenant = await PageResolver.ResolveAsync(new TenantRequest("assett.grandpoitiers.fr", "/t/toulouse-metropole/"),
            TestContext.Current.CancellationToken);

        Assert.Equal(Poitiers, tenant);
    }

    [Fact]
    public async Task FallBackToTheRoutePrefix()
    {
        var tenant = await PageResolver.ResolveAsync(new TenantRequest("localhost", "/t/toulouse-metropole/resultats"), TestContext.Current.CancellationToken);

        Assert.Equal(Toulouse, tenant);
    }

    [Fact]
    public async Task FindNoTenantForAnUnknownSlugOrHost()
    {
        Assert.Null(await PageResolver.ResolveAsync(new TenantRequest("ailleurs.fr", "/t/nulle-part/"), TestContext.Current.CancellationToken));
        Assert.Null(await PageResolver.ResolveAsync(new TenantRequest("", "/"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadTheTenantClaimOfAToken()
    {
        var resolver = new TenantResolver(new Store(), [new ClaimStrategy()]);
        var client = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimStrategy.TenantClaim, "toulouse-metropole")], "token"));

        Assert.Equal(Toulouse, await resolver.ResolveAsync(new TenantRequest("localhost", "/api/v1/organisations", client),
            TestContext.Current.CancellationToken));
        Assert.Null(await resolver.ResolveAsync(new TenantRequest("localhost", "/api/v1/organisations", new ClaimsPrincipal()),
            TestContext.Current.CancellationToken));
    }
}
