using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Account.Sirene;

/// <summary>
/// The API Recherche d'entreprises (public, no key) asked for one SIRET at registration: at most 7 requests a second
/// from this host and nothing while it asks us to wait (its documented limit, <c>429</c> with <c>Retry-After</c>), 3 s
/// at most per answer, answers kept a day in the territory's cache. Without <c>Assett:Sirene:BaseAddress</c> it is off and
/// the form is typed by hand (docs/decisions.md, « External services »).
/// </summary>
public sealed class CompanyDirectory(HttpClient http, DirectoryLimit limit, IMemoryCache cache, TimeProvider clock, ILogger<CompanyDirectory> logger)
{
    public const string Section = "Assett:Sirene";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    public bool IsOn => http.BaseAddress is not null;

    public async Task<DirectoryAnswer> FindAsync(Guid tenantId, string siret, CancellationToken cancellationToken)
    {
        if (!IsOn) return DirectoryAnswer.NoAnswer("la recherche dans le répertoire des entreprises n’est pas activée sur ce service");
        var key = (nameof(CompanyDirectory), tenantId, siret);
        if (cache.TryGetValue(key, out DirectoryAnswer? known)) return known!;
        var answer = await AskAsync(siret, cancellationToken);
        if (answer.Answered) cache.Set(key, answer, Kept);
        return answer;
    }

    private static readonly DirectoryAnswer TooMany = DirectoryAnswer.NoAnswer("le répertoire des entreprises reçoit trop de demandes en ce moment");

    private async Task<DirectoryAnswer> AskAsync(string siret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (!await limit.TryAcquireAsync(clock, timeout.Token)) return TooMany;
            using var response = await http.GetAsync($"search?q={siret}&page=1&per_page=1", timeout.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limit.PauseFor(response.Headers.RetryAfter, clock);
                return TooMany;
            }
            if (response.StatusCode == HttpStatusCode.NotFound) return DirectoryAnswer.Unknown;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The company directory answered {Status} for a SIRET", (int)response.StatusCode);
                return DirectoryAnswer.NoAnswer("le répertoire des entreprises est indisponible");
            }
            var establishment = SireneResults.Read(await response.Content.ReadAsStringAsync(timeout.Token), siret);
            return establishment is null ? DirectoryAnswer.Unknown : DirectoryAnswer.Found(establishment);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DirectoryAnswer.NoAnswer("le répertoire des entreprises n’a pas répondu dans les 3 secondes");
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "The company directory could not be reached");
            return DirectoryAnswer.NoAnswer("le répertoire des entreprises ne répond pas");
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "The company directory's answer could not be read");
            return DirectoryAnswer.NoAnswer("le répertoire des entreprises a donné une réponse illisible");
        }
    }
}
