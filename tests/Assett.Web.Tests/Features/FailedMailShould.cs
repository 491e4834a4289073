using System.Net;
using Assett.Data.Mail;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>Platform administrators see the territory's messages set aside, without their recipients or bodies, and send them again.</summary>
public sealed class FailedMailShould(PostgresServer server) : WebHostTest(server)
{
    private const string Page = $"/t/{TestTerritories.First}/plateforme/courriels";

    [Fact]
    public async Task ShowWhatFailedWithoutWhoItWasForThenSendItAgain()
    {
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), UniqueKey = "echec", ToAddress = "destinataire@exemple.fr", Subject = "Votre autoévaluation est commencée",
                TextBody = "Corps confidentiel", CreatedAt = DateTimeOffset.UtcNow.AddHours(-5), NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1),
                Attempts = OutboxDispatcher.MaximumAttempts, LastError = "5.1.1 mailbox unavailable", FailedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var administrator = await Factory.SignedInPlatformAdministratorAsync(TestTerritories.First, "cerema@exemple.fr");

        var page = await administrator.GetStringAsync(Page, TestContext.Current.CancellationToken);
        var retried = await administrator.SubmitAsync($"{Page}?handler=Retry", []);

        Assert.Contains("Votre autoévaluation est commencée", page);
        Assert.Contains("5.1.1 mailbox unavailable", page);
        Assert.DoesNotContain("destinataire@exemple.fr", page);
        Assert.DoesNotContain("Corps confidentiel", page);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var message = await Factory.InTerritoryAsync(TestTerritories.First, db => db.OutboxMessages.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Null(message.FailedAt);
        Assert.Equal(0, message.Attempts);
        Assert.True(message.NextAttemptAt <= DateTimeOffset.UtcNow);
    }
}
