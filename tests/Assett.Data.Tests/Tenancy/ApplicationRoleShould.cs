using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assett.Data.Tests.Tenancy;

/// <summary>The application role must not be able to step around row-level security, or nothing starts.</summary>
public sealed class ApplicationRoleShould(PostgresServer server)
{
    [Fact]
    public async Task AcceptTheApplicationRoleThatOwnsNothing()
    {
        var database = await server.CreateDatabaseAsync();

        await ApplicationRole.EnsureItCannotBypassRowSecurityAsync(database.AppConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("BYPASSRLS", "a role with BYPASSRLS")]
    [InlineData("SUPERUSER", "a superuser")]
    public async Task RefuseARoleThatBypassesRowSecurity(string attribute, string said)
    {
        var role = $"assett_{attribute.ToLowerInvariant()}_{Guid.NewGuid():N}"[..30];
        await using (var superuser = new NpgsqlConnection(server.Cluster.ConnectionString("postgres", "postgres")))
        {
            await superuser.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN {attribute}", superuser);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApplicationRole.EnsureItCannotBypassRowSecurityAsync(server.Cluster.ConnectionString(role, "postgres"), NullLogger.Instance,
                TestContext.Current.CancellationToken));

        Assert.Contains(said, refusal.Message);
    }

    [Fact]
    public async Task RefuseTheOwnerOfTheTables()
    {
        var database = await server.CreateDatabaseAsync();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApplicationRole.EnsureItCannotBypassRowSecurityAsync(database.AdminConnectionString, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("the owner of", refusal.Message);
    }
}
