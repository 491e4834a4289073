using Assett.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Data.Tests;

public sealed class DatabaseMigratorShould(PostgresServer server)
{
    [Fact]
    public async Task LeaveNoMigrationPending()
    {
        var database = await server.CreateDatabaseAsync();
        await using var context = AssettDbContextOptions.Create(database.AppConnectionString);

        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LetTheAppRoleReadAndWriteTablesItDoesNotOwn()
    {
        var database = await server.CreateDatabaseAsync();
        await using (var context = AssettDbContextOptions.Create(database.AppConnectionString))
        {
            context.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Identifier = "grand-poitiers", Name = "Grand Poitiers", DisplayName = "Grand Poitiers" });
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var owner = new NpgsqlCommand("SELECT tableowner FROM pg_tables WHERE tablename = 'tenants'", connection);
        Assert.Equal("assett_owner", await owner.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        await using var create = new NpgsqlCommand("CREATE TABLE intruder (id int)", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
