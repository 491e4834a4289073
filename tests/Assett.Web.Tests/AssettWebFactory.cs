using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
    }
}
