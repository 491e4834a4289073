using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assett.Web.Tests.Features;

/// <summary>
/// A local API Recherche d'entreprises: <c>GET /search?q={siret}</c> answers in the API's documented format (its OpenAPI
/// document's <c>payload</c>) with the establishments a test describes, an empty result for any other number, or, as
/// the test asks, slowly or with 429.
/// </summary>
public sealed class SireneStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, object> _results = new();

    public SireneStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0)); // not the web app's Urls, which its settings give
        _app = builder.Build();
        _app.MapGet("/search", async (HttpContext context, string q) =>
        {
            Requests.Add(q);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
            if (TooManyRequests)
            {
                context.Response.Headers.RetryAfter = "60";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            var results = _results.TryGetValue(q, out var result) ? new[] { result } : [];
            return Results.Json(new { results, total_results = results.Length, page = 1, per_page = 1, total_pages = results.Length });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri Address { get; }

    /// <summary>The <c>q</c> of every request received, in order.</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    public TimeSpan Delay { get; set; }

    public bool TooManyRequests { get; set; }

    /// <summary>
    /// An establishment as the API gives it: a company (nature juridique 5499 unless told) whose siège is another
    /// establishment, and the SIRET searched among its <c>matching_etablissements</c>.
    /// </summary>
    public void Add(string siret, string name, string naf, string headcountBand, string commune, string communeName, bool closed = false,
        string natureJuridique = "5499", string? rna = null)
    {
        var establishment = new Dictionary<string, object?>
        {
            ["siret"] = siret, ["activite_principale"] = naf, ["tranche_effectif_salarie"] = headcountBand, ["commune"] = commune,
            ["libelle_commune"] = communeName, ["etat_administratif"] = closed ? "F" : "A", ["date_fermeture"] = closed ? "2021-03-12" : null,
            ["est_siege"] = false, ["code_postal"] = "86000", ["adresse"] = $"1 RUE DU CLAIN 86000 {communeName}",
        };
        _results[siret] = new Dictionary<string, object?>
        {
            ["siren"] = siret[..9], ["nom_complet"] = name, ["nom_raison_sociale"] = name.ToUpperInvariant(), ["nature_juridique"] = natureJuridique,
            ["etat_administratif"] = "A", ["activite_principale"] = naf, ["section_activite_principale"] = "C",
            ["siege"] = new Dictionary<string, object?> { ["siret"] = siret[..9] + "00017", ["etat_administratif"] = "A", ["commune"] = "75056" },
            ["matching_etablissements"] = new[] { establishment },
            ["complements"] = new Dictionary<string, object?> { ["est_association"] = rna is not null, ["identifiant_association"] = rna },
        };
    }

    /// <summary>The directory down: nothing listens at its address any more.</summary>
    public Task StopAsync() => _app.StopAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
