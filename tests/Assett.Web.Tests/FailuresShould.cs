using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assett.Web.Tests;

/// <summary>What a failing request answers outside development (docs/reliability.md, « Failures »).</summary>
public sealed class FailuresShould(PostgresServer server)
{
    // Nothing listens on port 1; outside Development the host starts without migrating.
    private const string Nowhere = "Host=127.0.0.1;Port=1;Username=assett_app;Database=assett;Timeout=2";

    [Fact]
    public async Task AnswerServiceUnavailableInFrenchAtOnceWhenTheDatabaseIsDown()
    {
        await using var factory = new AssettWebFactory(Nowhere, Nowhere, environment: "Testing");
        var client = factory.CreateClient();

        var page = await client.GetAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken);
        var api = await client.GetAsync("/api/v1/cohort", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("30", page.Headers.RetryAfter?.ToString());
        var text = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Service indisponible", text);
        Assert.Contains("Rien de ce que vous aviez enregistré n’est perdu.", text);
        Assert.DoesNotContain("Exception", text);
        Assert.True(api.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Unauthorized, api.StatusCode.ToString());
    }

    [Fact]
    public async Task ShowTheFrenchErrorPageWithTheRequestIdThatIsInTheLog()
    {
        var log = new CapturedLog();
        await using var factory = new FailingFactory(await server.CreateDatabaseAsync(), log);

        var response = await factory.CreateClient().GetAsync("/en-panne", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Erreur inattendue", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("en panne pour le test", text);
        var reference = System.Text.RegularExpressions.Regex.Match(text, "Référence de l’incident, à donner si vous nous écrivez : ([^<\\s]+)").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains(log.Lines, line => line.Contains($"Request {reference} (GET /en-panne) failed") && line.Contains("en panne pour le test"));
    }

    private sealed class FailingFactory(TestDatabase database, CapturedLog log)
        : AssettWebFactory(database.AppConnectionString, database.AdminConnectionString, "Testing")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(log);
                services.AddSingleton<IStartupFilter, FailingPath>();
            });
        }
    }

    /// <summary>A path whose handling throws, behind the whole pipeline.</summary>
    private sealed class FailingPath : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == "/en-panne" ? throw new InvalidOperationException("en panne pour le test") : nextMiddleware(context));
        };
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{formatter(state, exception)} {exception}");

        public void Dispose()
        {
        }
    }
}
