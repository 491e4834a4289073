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
        var again = await CliRun.RunAsync(settings, "admins", "add", "--email", "equipe@cerema.example");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("equipe@cerema.example is a platform administrator.", first.Output);
        Assert.Matches(@"Password link \(valid 3 days, once\): https://assett\.example\.gouv\.fr/nouveau-mot-de-passe\?utilisateur=[0-9a-f-]{36}&code=\S+", first.Output);
        Assert.Equal(0, again.ExitCode);
        await using var db = AssettDbContextOptions.Create(database.AppConnectionString);
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(user.IsPlatformAdministrator);
        Assert.True(user.EmailConfirmed);
    }
}
