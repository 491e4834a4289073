using Assett.Data;
using Assett.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests;

/// <summary>The real web host on a test database (or on any connection string a test chooses).</summary>
public sealed class AssettWebFactory(string appConnectionString, string adminConnectionString, string environment = "Development")
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
