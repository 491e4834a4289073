using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests;

/// <summary>The real web host on a test database (or on any connection string a test chooses).</summary>
public class AssettWebFactory(string appConnectionString, string adminConnectionString, string environment = "Development")
    : WebApplicationFactory<Program>
{
    public AssettWebFactory(TestDatabase database) : this(database.AppConnectionString, database.AdminConnectionString)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Read by Program before the host is built, so they must be host settings.
        builder.UseSetting("ConnectionStrings:Assett", appConnectionString);
        builder.UseSetting("ConnectionStrings:AssettAdmin", adminConnectionString);
        // No Hangfire server in tests: a schedule must not fire in the middle of one. Tests run jobs themselves.
        builder.UseSetting("Jobs:Server", "false");
        // The territories made for the tests: editing a real territory's configuration must break no test.
        builder.UseSetting("Assett:TenantsConfig", TestTerritories.Folder);
        // The company directory is off unless a test stands one in: the tests never reach the internet.
        builder.UseSetting("Assett:Sirene:BaseAddress", SireneAddress?.ToString() ?? "");
        // ProConnect likewise, unless a test stands one in (Features.ProConnectStandIn).
        builder.UseSetting("Assett:ProConnect:Issuer", ProConnectIssuer?.AbsoluteUri ?? "");
        builder.UseSetting("Assett:ProConnect:ClientId", Features.ProConnectStandIn.ClientId);
        builder.UseSetting("Assett:ProConnect:ClientSecret", Features.ProConnectStandIn.ClientSecret);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>More settings of the host, for the test that needs them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The stand-in ProConnect this host's agents sign in with; none by default.</summary>
    public Uri? ProConnectIssuer { get; init; }

    /// <summary>The stand-in API Recherche d'entreprises this host asks (<see cref="Features.SireneStandIn"/>); none by default.</summary>
    public Uri? SireneAddress { get; init; }

    /// <summary>
    /// Closes the idle connections of this host's pools: left open, each test class's would hold its
    /// database's connections for minutes while the other classes run.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var connectionString in new[] { appConnectionString, adminConnectionString })
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>The password of the accounts that <see cref="CreateOfficerAsync"/> creates.</summary>
    public const string OfficerPassword = "Clé-Secrète-2026";

    /// <summary>An account with this role in the territory's team (no organisation), and <see cref="OfficerPassword"/>.</summary>
    public async Task CreateOfficerAsync(string territory, string email, MembershipRole role)
    {
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true };
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, OfficerPassword);
        await InTerritoryAsync(territory, db =>
        {
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, Role = role });
            return db.SaveChangesAsync();
        });
    }

    /// <summary>A new officer of the territory, signed in: a client that keeps the session's cookie and follows no redirect.</summary>
    /// <param name="signedInOn">The territory whose sign-in page is used: another one than the officer's, to knock on its door.</param>
    public async Task<HttpClient> SignedInOfficerAsync(string territory, string email, MembershipRole role, string? signedInOn = null)
    {
        await CreateOfficerAsync(territory, email, role);
        return await SignedInAsync(signedInOn ?? territory, email);
    }

    /// <summary>An existing account, signed in on the territory's pages (the platform's, outside any territory, for "").</summary>
    public Task<HttpClient> SignedInAgainAsync(string territory, string email) => SignedInAsync(territory, email);

    /// <summary>A new platform administrator (Cerema), signed in on the territory's pages; no membership.</summary>
    public async Task<HttpClient> SignedInPlatformAdministratorAsync(string territory, string email)
    {
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, IsPlatformAdministrator = true };
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, OfficerPassword);
        return await SignedInAsync(territory, email);
    }

    private async Task<HttpClient> SignedInAsync(string territory, string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await client.SubmitAsync(territory.Length == 0 ? "/connexion" : $"/t/{territory}/connexion",
            new() { ["Input.Email"] = email, ["Input.Password"] = OfficerPassword });
        if (signedIn.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"{email} could not sign in: {signedIn.StatusCode}");
        return client;
    }

    /// <summary>Runs a query or a change in one territory, on a context of its own, as a test's arrange or assert step.</summary>
    public async Task<T> InTerritoryAsync<T>(string territory, Func<AssettDbContext, Task<T>> work)
    {
        var tenant = await Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(territory);
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(Services.GetRequiredService<AssettDatabase>().AppConnectionString);
        return await work(db);
    }
}
