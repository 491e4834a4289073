using Assett.Data.Mail;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

public sealed class HousekeepingShould(PostgresServer server) : WebHostTest(server)
{
    [Fact]
    public async Task RemoveMessagesSentLongAgoInEveryTerritoryAndKeepTheOthers()
    {
        var longAgo = DateTimeOffset.UtcNow - Housekeeping.KeepSent - TimeSpan.FromDays(1);
        foreach (var territory in new[] { TestTerritories.First, TestTerritories.Overseas })
            await Factory.InTerritoryAsync(territory, db =>
            {
                db.OutboxMessages.AddRange(Message("old", sentAt: longAgo), Message("recent", sentAt: DateTimeOffset.UtcNow.AddDays(-1)),
                    Message("unsent", sentAt: null, createdAt: longAgo));
                return db.SaveChangesAsync();
            });

        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<Housekeeping>().RunAsync(TestContext.Current.CancellationToken));

        foreach (var territory in new[] { TestTerritories.First, TestTerritories.Overseas })
            Assert.Equal(["recent", "unsent"],
                await Factory.InTerritoryAsync(territory, db => db.OutboxMessages.Select(m => m.UniqueKey).OrderBy(k => k).ToListAsync()));
    }

    private static OutboxMessage Message(string key, DateTimeOffset? sentAt, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.NewGuid(), UniqueKey = key, ToAddress = "someone@example.fr", Subject = key, TextBody = key,
        CreatedAt = createdAt ?? sentAt ?? DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddYears(1), SentAt = sentAt,
    };
}
