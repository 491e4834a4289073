using Assett.Data.Mail;
using Assett.Data.Tenants;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assett.Data.Tests.Mail;

public sealed class OutboxShould(PostgresServer server) : IAsyncLifetime, IDisposable
{
    private readonly string _pickup = Directory.CreateTempSubdirectory("assett-mail-").FullName;
    private readonly MultiTenantContextAccessor _accessor = new();
    private TestDatabase _database = null!;
    private TenantInfo _poitiers = null!;
    private TenantInfo _toulouse = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        _poitiers = new TenantInfo(Guid.NewGuid(), "grand-poitiers", "Grand Poitiers");
        _toulouse = new TenantInfo(Guid.NewGuid(), "toulouse-metropole", "Toulouse Métropole");
        await using var platform = AssettDbContextOptions.Create(_database.AppConnectionString);
        foreach (var tenant in new[] { _poitiers, _toulouse })
            platform.Tenants.Add(new Tenant { Id = tenant.Id, Identifier = tenant.Identifier, Name = tenant.Name, DisplayName = tenant.Name });
        await platform.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => Directory.Delete(_pickup, recursive: true);

    private OutboxDispatcher Dispatcher(string? smtpHost = null, int smtpPort = 25) =>
        new(_database.AppConnectionString,
            new MailSender(new MailSettings("Assett <ne-pas-repondre@assett.localhost>", smtpHost, smtpPort, null, null, _pickup)),
            TimeProvider.System, NullLogger.Instance);

    private async Task<bool> EnqueueAsync(TenantInfo tenant, string key, string to = "contact@exemple.fr")
    {
        using var scope = _accessor.Change(tenant);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        return await Outbox.EnqueueAsync(db, key, to, "Bienvenue sur Assett", "Bonjour,\nvotre territoire vous invite.", null,
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteEachTenantsMessagesOnceAsEmlFilesInItsOwnFolder()
    {
        Assert.True(await EnqueueAsync(_poitiers, "invitation-1"));
        Assert.True(await EnqueueAsync(_poitiers, "invitation-2"));
        Assert.True(await EnqueueAsync(_toulouse, "invitation-1"));

        var sent = await Dispatcher().DispatchAsync(_poitiers, TestContext.Current.CancellationToken);
        var again = await Dispatcher().DispatchAsync(_poitiers, TestContext.Current.CancellationToken);

        Assert.Equal(2, sent);
        Assert.Equal(0, again);
        var files = Directory.GetFiles(Path.Combine(_pickup, "grand-poitiers"), "*.eml");
        Assert.Equal(2, files.Length);
        Assert.Contains("Subject: Bienvenue sur Assett", File.ReadAllText(files[0]));
        Assert.False(Directory.Exists(Path.Combine(_pickup, "toulouse-metropole")));
    }

    [Fact]
    public async Task SendAnAttachedFileWithTheMessage()
    {
        using (var scope = _accessor.Change(_poitiers))
        {
            await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
            Assert.True(await Outbox.EnqueueAsync(db, "rencontre-1", "contact@exemple.fr", "Invitation : atelier énergie", "Bonjour,", null,
                new OutboxAttachment("rencontre.ics", "text/calendar; charset=utf-8; method=REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray()),
                TestContext.Current.CancellationToken));
        }

        await Dispatcher().DispatchAsync(_poitiers, TestContext.Current.CancellationToken);

        var eml = File.ReadAllText(Directory.GetFiles(Path.Combine(_pickup, "grand-poitiers"), "*.eml").Single());
        Assert.Contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST", eml);
        Assert.Contains("filename=rencontre.ics", eml);
    }

    [Fact]
    public async Task QueueAMessageOnlyOncePerKey()
    {
        Assert.True(await EnqueueAsync(_poitiers, "rappel:campagne:organisation:1"));
        Assert.False(await EnqueueAsync(_poitiers, "rappel:campagne:organisation:1"));
        Assert.True(await EnqueueAsync(_toulouse, "rappel:campagne:organisation:1"));
    }

    [Fact]
    public async Task KeepAFailedMessageAndRetryItLater()
    {
        await EnqueueAsync(_poitiers, "echec");

        var sent = await Dispatcher(smtpHost: "127.0.0.1", smtpPort: 1).DispatchAsync(_poitiers, TestContext.Current.CancellationToken);

        Assert.Equal(0, sent);
        using var scope = _accessor.Change(_poitiers);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var message = await db.OutboxMessages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.NotNull(message.LastError);
        Assert.True(message.NextAttemptAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task MarkWhatWasDeliveredWhenTheServerDiesMidBatchSoNoneGoesTwice()
    {
        for (var i = 0; i < 10; i++) await EnqueueAsync(_poitiers, $"message-{i}");
        await using var sink = new SmtpSink(acceptBeforeDying: 4);

        var first = await Dispatcher("127.0.0.1", sink.Port).DispatchAsync(_poitiers, TestContext.Current.CancellationToken);
        sink.Revive();
        await DueNowAsync(_poitiers);
        var second = await Dispatcher("127.0.0.1", sink.Port).DispatchAsync(_poitiers, TestContext.Current.CancellationToken);

        Assert.Equal(4, first);
        Assert.Equal(6, second);
        Assert.Equal(10, sink.MessageIds.Count);
        Assert.Equal(10, sink.MessageIds.Distinct().Count());
    }

    [Fact]
    public async Task SetAsideAMessageThatKeepsFailingAndKeepSendingTheOthers()
    {
        await EnqueueAsync(_poitiers, "echec");
        for (var attempt = 1; attempt <= OutboxDispatcher.MaximumAttempts; attempt++)
        {
            await Dispatcher(smtpHost: "127.0.0.1", smtpPort: 1).DispatchAsync(_poitiers, TestContext.Current.CancellationToken);
            await DueNowAsync(_poitiers);
        }
        await EnqueueAsync(_poitiers, "suivant");

        var sent = await Dispatcher().DispatchAsync(_poitiers, TestContext.Current.CancellationToken);

        Assert.Equal(1, sent);
        using var scope = _accessor.Change(_poitiers);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        var failed = await db.OutboxMessages.SingleAsync(m => m.UniqueKey == "echec", TestContext.Current.CancellationToken);
        Assert.Equal(OutboxDispatcher.MaximumAttempts, failed.Attempts);
        Assert.NotNull(failed.FailedAt);
        Assert.Null(failed.SentAt);
        Assert.Contains("onnection", failed.LastError);
    }

    /// <summary>Skips the retry delays.</summary>
    private async Task DueNowAsync(TenantInfo tenant)
    {
        using var scope = _accessor.Change(tenant);
        await using var db = AssettDbContextOptions.Create(_database.AppConnectionString);
        await db.OutboxMessages.ExecuteUpdateAsync(m => m.SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)),
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SendEachMessageOnceWhenTwoWorkersRunAtOnce()
    {
        for (var i = 0; i < 40; i++) await EnqueueAsync(_poitiers, $"message-{i}");

        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            for (var round = 0; round < 3; round++) total += await Dispatcher().DispatchAsync(_poitiers, TestContext.Current.CancellationToken);
            return total;
        })));

        Assert.Equal(40, counts.Sum());
        Assert.Equal(40, Directory.GetFiles(Path.Combine(_pickup, "grand-poitiers"), "*.eml").Length);
    }
}
