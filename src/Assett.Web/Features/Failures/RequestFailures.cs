using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Assett.Web.Features.Failures;

/// <summary>
/// What a request that fails answers (docs/reliability.md). When the database cannot be reached, 503
/// at once: a French page that needs no database (the usual error page reads the territory and the
/// menu from it) or, for the API, a problem document; the host serves again as soon as PostgreSQL
/// is back, since the pools' dead connections are dropped on the first failure. Any other failure is logged with the request
/// id, which the French error page shows, without a stack trace.
/// </summary>
public static class RequestFailures
{
    public static IApplicationBuilder UseRequestFailures(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                // Logged by Logged, with the request id the page shows, instead of by the middleware.
                SuppressDiagnosticsCallback = _ => true,
            });
        // Inside the handler above: the database's absence is answered here, before the error page, which needs it.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (IsDatabaseUnavailable(e) && !context.Response.HasStarted)
            {
                app.Logger.LogWarning(e, "Request {RequestId} ({Method} {Path}) answered 503: the database is unavailable ({Error})",
                    context.TraceIdentifier, context.Request.Method, context.Request.Path, e.GetBaseException().Message);
                ClearPoolsOncePerOutage();
                await WriteUnavailableAsync(context);
            }
        });
        return app;
    }

    /// <summary>Logs the failure with the request id; the error page then answers (not handled here).</summary>
    public sealed class Logged(ILogger<Logged> logger) : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
            logger.LogError(exception, "Request {RequestId} ({Method} {Path}) failed", context.TraceIdentifier, context.Request.Method, path);
            return ValueTask.FromResult(false);
        }
    }

    private static long _poolsCleared;

    /// <summary>
    /// After a restart the pooled connections are dead too: dropped at once, not one failed request each. Once per few
    /// seconds only, so that the failures of one outage do not close, one after the other, the connections opened after it.
    /// </summary>
    private static void ClearPoolsOncePerOutage()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _poolsCleared);
        if (now - last < 5_000 || Interlocked.CompareExchange(ref _poolsCleared, now, last) != last) return;
        NpgsqlConnection.ClearAllPools();
    }

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or SocketException or PostgresException { SqlState: "57P01" or "57P03" })
                return true;
        return false;
    }

    private static async Task WriteUnavailableAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        if (WebSetup.IsApi(context.Request.Path))
        {
            await Microsoft.AspNetCore.Http.Results.Problem(statusCode: 503, title: "Service indisponible",
                detail: $"La base de données ne répond pas ; réessayez dans quelques instants (référence {context.TraceIdentifier}).").ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="fr" data-fr-scheme="system">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Service indisponible – Assett</title><link rel="stylesheet" href="/dsfr/dsfr.min.css"></head>
            <body><main class="fr-container fr-my-7w" id="contenu">
            <h1>Service indisponible</h1>
            <p class="fr-text--sm fr-mb-3w">Erreur 503</p>
            <p class="fr-text--lead">Le service est momentanément indisponible. Rien de ce que vous aviez enregistré n’est perdu.</p>
            <p>Réessayez dans quelques instants. Si vous remplissiez un formulaire, revenez en arrière : ce que vous aviez saisi y est peut-être encore.</p>
            <p class="fr-text--sm">Référence de l’incident : {{context.TraceIdentifier}}</p>
            </main></body></html>
            """);
    }
}
