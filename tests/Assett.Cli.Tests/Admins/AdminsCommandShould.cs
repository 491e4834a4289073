using Assett.Data;
using Microsoft.EntityFrameworkCore;

namespace Assett.Cli.Tests.Admins;

public sealed class AdminsCommandShould(PostgresServer server)
{
    [Fact]
    public async Task MakeAPlatformAdministratorAndPrintAPasswordLink()
    {
        var database = await server.CreateDatabaseAsync();
        var settings = CliRun.On(database);
        settings["Assett:PublicUrl"] = "https://assett.example.gouv.fr/";

        var first = await CliRun.RunAsync(settings, "admins", "add", "--email", "equipe@cerema.example");
        string stamp;
        await using (var before = AssettDbContextOptions.Create(database.AppConnectionString))
            stamp = (await before.Users.SingleAsync(TestContext.Current.CancellationToken)).SecurityStamp!;
        var again = await CliRun.RunAsync(settings, "admins", "add", "--email", "equipe@cerema.example");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("equipe@cerema.example is a platform administrator.", first.Output);
        Assert.Matches(@"Password link \(valid 3 days, once\): https://assett\.example\.gouv\.fr/nouveau-mot-de-passe\?utilisateur=[0-9a-f-]{36}&code=\S+",
            first.Output);
        Assert.Equal(0, again.ExitCode);
        await using var db = AssettDbContextOptions.Create(database.AppConnectionString);
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(user.IsPlatformAdministrator);
        Assert.True(user.EmailConfirmed);
        Assert.NotEqual(stamp, user.SecurityStamp); // sessions opened before end
    }

    [Fact]
    public async Task RefuseAnAccountWhoseAddressWasNeverConfirmed()
    {
        var database = await server.CreateDatabaseAsync();
        await using (var db = AssettDbContextOptions.Create(database.AppConnectionString))
        {
            // Someone registered Cerema's address, with a password of their own, and never confirmed it.
            db.Users.Add(new Data.Accounts.AssettUser
            {
                Id = Guid.NewGuid(), UserName = "equipe@cerema.example", NormalizedUserName = "EQUIPE@CEREMA.EXAMPLE", Email = "equipe@cerema.example",
                NormalizedEmail = "EQUIPE@CEREMA.EXAMPLE", SecurityStamp = Guid.NewGuid().ToString(), EmailConfirmed = false,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var run = await CliRun.RunAsync(CliRun.On(database), "admins", "add", "--email", "equipe@cerema.example");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has not confirmed its address", run.Error);
        await using var check = AssettDbContextOptions.Create(database.AppConnectionString);
        Assert.False((await check.Users.SingleAsync(TestContext.Current.CancellationToken)).IsPlatformAdministrator);
    }
}
