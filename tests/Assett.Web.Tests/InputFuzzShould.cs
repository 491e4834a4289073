using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Web.Tests.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Assett.Web.Tests;

/// <summary>
/// Every form field and query parameter of every page, and every parameter of the API, read from the
/// route table and the page models, sent malformed (docs/reliability.md, « Inputs »): no answer is a
/// 5xx, no page shows an English framework message, and a refused post leaves the saved answers as
/// they were. A new page or handler is fuzzed without being listed, once its address is in
/// <see cref="Pages"/> (<see cref="CoverEveryPageOfTheRouteTable"/> says when one is missing).
/// </summary>
public sealed class InputFuzzShould(PostgresServer server) : WebHostTest(server)
{
    private static readonly string[] Values =
    [
        "", "   ", new('a', 10_000), new('a', 1_000_000), "\u0000\u0001\u001b\u007f", "-1", "1e400", "NaN", "99999999999999999999",
        "2147483647", "2147483648", "2026-13-45", "0001-01-01", "Inexistant", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "🙂",
    ];

    /// <summary>What an English framework message looks like (model binding, data annotations, exceptions).</summary>
    private static readonly Regex English = new(
        @"\bThe (field|value|[A-Z]\w* field)\b|field is required|is not valid|is invalid|must be a |Exception\b|was not in a correct format",
        RegexOptions.Compiled);

    private enum Visitor { Anonymous, Owner, Officer, Administrator }

    /// <summary>Route pattern → an address of it, and who fills its forms (the one who may use it most).</summary>
    private static readonly Dictionary<string, (string Path, Visitor Visitor)> Pages = new()
    {
        [""] = ($"/t/{TestTerritories.First}/", Visitor.Owner),
        ["connexion"] = ($"/t/{TestTerritories.First}/connexion", Visitor.Anonymous),
        ["connexion/proconnect/retour"] = ("/connexion/proconnect/retour", Visitor.Anonymous),
        ["inscription"] = ($"/t/{TestTerritories.First}/inscription", Visitor.Anonymous),
        ["confirmation"] = ($"/t/{TestTerritories.First}/confirmation", Visitor.Anonymous),
        ["mot-de-passe-oublie"] = ($"/t/{TestTerritories.First}/mot-de-passe-oublie", Visitor.Anonymous),
        ["nouveau-mot-de-passe"] = ($"/t/{TestTerritories.First}/nouveau-mot-de-passe", Visitor.Anonymous),
        ["invitation"] = ($"/t/{TestTerritories.First}/invitation", Visitor.Anonymous),
        ["rappels/arret"] = ($"/t/{TestTerritories.First}/rappels/arret", Visitor.Anonymous),
        ["mon-compte"] = ($"/t/{TestTerritories.First}/mon-compte", Visitor.Owner),
        ["organisation/equipe"] = ($"/t/{TestTerritories.First}/organisation/equipe", Visitor.Owner),
        ["evaluation"] = ($"/t/{TestTerritories.First}/evaluation", Visitor.Owner),
        ["evaluation/{mesure}"] = ($"/t/{TestTerritories.First}/evaluation/1.1", Visitor.Owner),
        ["evaluation/reponses.csv"] = ($"/t/{TestTerritories.First}/evaluation/reponses.csv", Visitor.Owner),
        ["resultats"] = ($"/t/{TestTerritories.First}/resultats", Visitor.Owner),
        ["resultats/progression"] = ($"/t/{TestTerritories.First}/resultats/progression", Visitor.Owner),
        ["organisation/profil"] = ($"/t/{TestTerritories.First}/organisation/profil", Visitor.Owner),
        ["organisation/donnees"] = ($"/t/{TestTerritories.First}/organisation/donnees", Visitor.Owner),
        ["organisation/charte"] = ($"/t/{TestTerritories.First}/organisation/charte", Visitor.Owner),
        ["boite-a-outils"] = ($"/t/{TestTerritories.First}/boite-a-outils", Visitor.Owner),
        ["plan-action"] = ($"/t/{TestTerritories.First}/plan-action", Visitor.Owner),
        ["territoire"] = ($"/t/{TestTerritories.First}/territoire", Visitor.Officer),
        ["territoire/organisations"] = ($"/t/{TestTerritories.First}/territoire/organisations", Visitor.Officer),
        ["territoire/organisations/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/organisations/{{organisation}}", Visitor.Officer),
        ["territoire/invitations"] = ($"/t/{TestTerritories.First}/territoire/invitations", Visitor.Officer),
        ["territoire/inscriptions"] = ($"/t/{TestTerritories.First}/territoire/inscriptions", Visitor.Officer),
        ["territoire/rapports"] = ($"/t/{TestTerritories.First}/territoire/rapports", Visitor.Officer),
        ["territoire/rapports/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/rapports/{{report}}", Visitor.Officer),
        ["territoire/campagnes"] = ($"/t/{TestTerritories.First}/territoire/campagnes", Visitor.Officer),
        ["territoire/rappels"] = ($"/t/{TestTerritories.First}/territoire/rappels", Visitor.Officer),
        ["territoire/equipe"] = ($"/t/{TestTerritories.First}/territoire/equipe", Visitor.Officer),
        ["territoire/engagements"] = ($"/t/{TestTerritories.First}/territoire/engagements", Visitor.Officer),
        ["territoire/bilans"] = ($"/t/{TestTerritories.First}/territoire/bilans", Visitor.Officer),
        ["territoire/rencontres"] = ($"/t/{TestTerritories.First}/territoire/rencontres", Visitor.Officer),
        ["territoire/preuves"] = ($"/t/{TestTerritories.First}/territoire/preuves", Visitor.Officer),
        ["territoire/rencontres/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/rencontres/{{meeting}}", Visitor.Officer),
        ["territoire/rencontres/planifier/{id:guid?}"] = ($"/t/{TestTerritories.First}/territoire/rencontres/planifier", Visitor.Officer),
        ["rencontres"] = ($"/t/{TestTerritories.First}/rencontres", Visitor.Owner),
        ["rencontres/{id:guid}"] = ($"/t/{TestTerritories.First}/rencontres/{{meeting}}", Visitor.Owner),
        ["rencontres/arret"] = ($"/t/{TestTerritories.First}/rencontres/arret", Visitor.Anonymous),
        ["acteurs-engages"] = ($"/t/{TestTerritories.First}/acteurs-engages", Visitor.Anonymous),
        ["mentions-legales"] = ($"/t/{TestTerritories.First}/mentions-legales", Visitor.Anonymous),
        ["donnees-personnelles"] = ($"/t/{TestTerritories.First}/donnees-personnelles", Visitor.Anonymous),
        ["accessibilite"] = ($"/t/{TestTerritories.First}/accessibilite", Visitor.Anonymous),
        ["plan-du-site"] = ($"/t/{TestTerritories.First}/plan-du-site", Visitor.Anonymous),
        ["organisation/visibilite"] = ($"/t/{TestTerritories.First}/organisation/visibilite", Visitor.Owner),
        ["resultats/transmettre"] = ($"/t/{TestTerritories.First}/resultats/transmettre", Visitor.Owner),
        ["bilan/{campagne:guid?}"] = ($"/t/{TestTerritories.First}/bilan", Visitor.Owner),
        ["plateforme/courriels"] = ($"/t/{TestTerritories.First}/plateforme/courriels", Visitor.Administrator),
        ["plateforme"] = ("/plateforme", Visitor.Administrator),
        ["plateforme/chiffres"] = ("/plateforme/chiffres", Visitor.Administrator),
        ["plateforme/referentiels"] = ("/plateforme/referentiels", Visitor.Administrator),
    };

    /// <summary>Pages left out, and why.</summary>
    private static readonly Dictionary<string, string> NotFuzzed = new()
    {
        ["Error"] = "re-executed for other requests' failures; its one parameter is fuzzed by every refused request",
        ["deconnexion"] = "takes no input: its post signs out",
    };

    private readonly Dictionary<Visitor, HttpClient> _clients = [];
    private readonly Dictionary<string, string> _placeholders = [];
    private readonly List<string> _failures = [];
    private int _requests;
    private readonly Dictionary<int, int> _statuses = [];

    protected override AssettWebFactory CreateFactory(TestDatabase database) => new FuzzFactory(database);

    protected override async Task ArrangeAsync()
    {
        var organisation = await Boulangerie.SeedAsync(Factory);
        _placeholders["{organisation}"] = organisation.Id.ToString();
        _placeholders["{report}"] = Guid.NewGuid().ToString();
        _placeholders["{meeting}"] = (await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var meeting = new Data.Meetings.Meeting
            {
                Id = Guid.NewGuid(), Title = "Atelier énergie", DurationMinutes = 90, StartsAt = DateTimeOffset.UtcNow.AddDays(10), Place = "Mairie",
                State = Data.Meetings.MeetingState.Published, CreatedBy = "agente@territoire.example", Capacity = 1,
            };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return meeting.Id;
        })).ToString();
        _clients[Visitor.Anonymous] = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _clients[Visitor.Owner] = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        _clients[Visitor.Officer] = await Factory.SignedInOfficerAsync(TestTerritories.First, "agente@territoire.example", MembershipRole.OfficerAdmin);
        _clients[Visitor.Administrator] = await Factory.SignedInPlatformAdministratorAsync(TestTerritories.First, "cerema@exemple.fr");
        // Answers to keep: every refused post must leave them as they are.
        var saved = await _clients[Visitor.Owner].SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1", new()
        {
            ["Answers[0].NodeId"] = "assett_1.1.1.1", ["Answers[0].Status"] = "fait", ["Answers[0].SeenVersion"] = "0", ["Answers[0].Comment"] = "Gardée",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public void CoverEveryPageOfTheRouteTable()
    {
        var pages = PageEndpoints().Select(e => e.RoutePattern.RawText!).Distinct().ToList();

        Assert.Empty(pages.Except(Pages.Keys).Except(NotFuzzed.Keys));
        Assert.Empty(Pages.Keys.Except(pages));
    }

    [Fact]
    public async Task AnswerEveryMalformedFormFieldInFrenchWithoutLosingAnything()
    {
        foreach (var endpoint in PageEndpoints().Where(e => Pages.ContainsKey(e.RoutePattern.RawText!)))
        {
            var (path, visitor) = Pages[endpoint.RoutePattern.RawText!];
            path = Resolve(path);
            var client = _clients[visitor];
            foreach (var (handler, fields) in PostHandlers(ModelOf(endpoint)))
            {
                var action = handler.Length == 0 ? path : $"{path}?handler={handler}";
                var (defaults, token) = await DefaultsAsync(client, path, action, visitor);
                var names = fields.Union(defaults.Select(d => d.Key)).Where(n => n != "__RequestVerificationToken")
                    .Where(n => !Regex.IsMatch(n, @"\[[1-9]\d*\]")).Distinct().ToList(); // a list's first item stands for the others
                foreach (var name in names)
                    foreach (var value in Values)
                    {
                        var body = defaults.Where(d => d.Key != name).Append(new(name, value)).Append(new("__RequestVerificationToken", token)).ToList();
                        // A post taken in changes what the page holds (a version, a list): the next one starts from the page anew.
                        if (await PostAsync(client, action, body, $"{action} {name}={Describe(value)}"))
                            (defaults, token) = await DefaultsAsync(client, path, action, visitor);
                    }
            }
        }
        var statuses = string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(_requests > 1_500, $"{_requests} posts");
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures of {_requests} posts ({statuses}):\n" + string.Join("\n", _failures.Take(40)));
        // The posts reached their handlers: most are answered by the page, not refused before it (antiforgery, binding).
        Assert.True(_statuses.GetValueOrDefault(200) + _statuses.GetValueOrDefault(302) > _requests / 2, statuses);
    }

    [Fact]
    public async Task AnswerEveryMalformedQueryParameterInFrench()
    {
        foreach (var endpoint in PageEndpoints().Where(e => Pages.ContainsKey(e.RoutePattern.RawText!)))
        {
            var (path, visitor) = Pages[endpoint.RoutePattern.RawText!];
            var names = QueryParameters(ModelOf(endpoint)).Append("handler").Distinct().ToList();
            foreach (var name in names)
                foreach (var value in Values)
                    await GetAsync(_clients[visitor], $"{Resolve(path)}?{name}={Uri.EscapeDataString(value)}", $"{path}?{name}={Describe(value)}");
            if (path.Contains("/evaluation/1.1"))
                foreach (var value in InPath(Values))
                    await GetAsync(_clients[visitor], path.Replace("1.1", Uri.EscapeDataString(value)), $"{path} mesure={Describe(value)}");
        }
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures of {_requests} requests:\n" + string.Join("\n", _failures.Take(40)));
    }

    [Fact]
    public async Task AnswerEveryMalformedApiParameterWithAFrenchProblem()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await MachineTokenAsync(client));
        var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json", TestContext.Current.CancellationToken));
        var parameters = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : [])
                {
                    parameters++;
                    var name = parameter.GetProperty("name").GetString()!;
                    var inPath = parameter.GetProperty("in").GetString() == "path";
                    foreach (var value in inPath ? InPath(Values) : Values)
                    {
                        var address = inPath
                            ? path.Name.Replace($"{{{name}}}", Uri.EscapeDataString(value.Length == 0 ? " " : value))
                            : Regex.Replace(path.Name, @"\{[^}]+\}", Guid.NewGuid().ToString()) + $"?{name}={Uri.EscapeDataString(value)}";
                        var response = await client.GetAsync(address, TestContext.Current.CancellationToken);
                        _requests++;
                        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                        if ((int)response.StatusCode >= 500) _failures.Add($"{path.Name} {name}={Describe(value)}: {(int)response.StatusCode} {Excerpt(text)}");
                        else if (response.StatusCode == HttpStatusCode.BadRequest
                                 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !text.Contains("Requête invalide")))
                            _failures.Add($"{path.Name} {name}={Describe(value)}: 400 without a French problem document: {Excerpt(text)}");
                    }
                }
        Assert.True(parameters >= 4, $"{parameters} parameters in the OpenAPI document");
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures of {_requests} requests:\n" + string.Join("\n", _failures.Take(40)));
    }

    /// <summary>A path segment: not empty, and without the control characters Kestrel refuses (400) before any application code.</summary>
    private static IEnumerable<string> InPath(IEnumerable<string> values) => values.Where(v => v.Length is > 0 and < 20_000 && !v.Any(char.IsControl));

    /// <summary>Handlers whose form the page does not hold (the autosave script's): a valid answer to start from.</summary>
    private static readonly Dictionary<string, List<KeyValuePair<string, string>>> ScriptForms = new()
    {
        [$"/t/{TestTerritories.First}/evaluation/1.1?handler=task"] =
            [new("NodeId", "assett_1.1.1.2"), new("Status", "fait"), new("SeenVersion", "0"), new("Comment", "")],
    };

    /// <summary>What the page's form for this action sends untouched, and an antiforgery token of the visitor's session.</summary>
    private async Task<(List<KeyValuePair<string, string>> Defaults, string Token)> DefaultsAsync(HttpClient client, string path, string action,
        Visitor visitor)
    {
        var html = await (await client.GetAsync(path, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = Forms.AntiforgeryToken(html) is { Length: > 0 } own
            ? own
            : Forms.AntiforgeryToken(await client.GetStringAsync(
                visitor == Visitor.Anonymous ? $"/t/{TestTerritories.First}/connexion" : $"/t/{TestTerritories.First}/mon-compte",
                TestContext.Current.CancellationToken));
        var defaults = FormsOf(html, path).GetValueOrDefault(action.ToLowerInvariant())
            ?? ScriptForms.GetValueOrDefault(action.ToLowerInvariant())?.ToList() ?? [];
        if (ScriptForms.ContainsKey(action.ToLowerInvariant()))
            defaults = [.. defaults.Where(d => d.Key != "SeenVersion"), new("SeenVersion", (await VersionAsync("assett_1.1.1.2")).ToString())];
        return ([.. defaults.Where(d => d.Key != "__RequestVerificationToken")], token);
    }

    private Task<uint> VersionAsync(string task) => Factory.InTerritoryAsync(TestTerritories.First, async db =>
        (await db.TaskStatuses.AsNoTracking().Where(t => t.NodeId == task).Select(t => (uint?)t.Version)
            .SingleOrDefaultAsync(TestContext.Current.CancellationToken)) ?? 0);

    /// <summary>Posts and checks the answer; true when the post was taken in.</summary>
    private async Task<bool> PostAsync(HttpClient client, string action, List<KeyValuePair<string, string>> body, string what)
    {
        var before = await AnswersAsync();
        using var content = new FormUrlEncodedContent(body);
        var response = await client.PostAsync(action, content, TestContext.Current.CancellationToken);
        _requests++;
        _statuses[(int)response.StatusCode] = _statuses.GetValueOrDefault((int)response.StatusCode) + 1;
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Check(response, text, what);
        var refused = (int)response.StatusCode >= 400 || text.Contains("fr-message--error") || text.Contains("fr-input-group--error")
                      || text.Contains("fr-fieldset--error") || text.Contains("fr-alert--error");
        if (refused && await AnswersAsync() != before) _failures.Add($"{what}: refused, but the saved answers changed");
        return !refused;
    }

    private async Task GetAsync(HttpClient client, string address, string what)
    {
        var response = await client.GetAsync(address, TestContext.Current.CancellationToken);
        _requests++;
        Check(response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), what);
    }

    private void Check(HttpResponseMessage response, string text, string what)
    {
        if ((int)response.StatusCode >= 500) _failures.Add($"{what}: {(int)response.StatusCode} {Excerpt(text)}");
        else if (response.Content.Headers.ContentType?.MediaType == "text/html" && English.Match(VisibleText(text)) is { Success: true } english)
            _failures.Add($"{what}: English « {english.Value} » in {Excerpt(VisibleText(text)[Math.Max(0, english.Index - 80)..])}");
    }

    /// <summary>The organisation's saved answers, as one string.</summary>
    private Task<string> AnswersAsync() => Factory.InTerritoryAsync(TestTerritories.First, db => db.Database
        .SqlQueryRaw<string>("SELECT coalesce(string_agg(row_to_json(t)::text, ',' ORDER BY node_id), '') AS \"Value\" FROM task_statuses t")
        .SingleAsync(TestContext.Current.CancellationToken));

    private IEnumerable<RouteEndpoint> PageEndpoints() => Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null);

    /// <summary>The page model of a page: <c>Features/Questionnaire/Measure.cshtml</c> → <c>Assett.Web.Features.Shared.Assessments.MeasureModel</c>.</summary>
    private static Type? ModelOf(RouteEndpoint endpoint)
    {
        var relative = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!.RelativePath; // /Features/Questionnaire/Measure.cshtml
        var parts = relative.TrimStart('/').Replace(".cshtml", "").Split('/');
        return typeof(Program).Assembly.GetType($"Assett.Web.{string.Join('.', parts[..^1])}.{parts[^1]}Model");
    }

    /// <summary>Each post handler of the page model, by name, with the field names it binds.</summary>
    private static IEnumerable<(string Handler, List<string> Fields)> PostHandlers(Type? model)
    {
        if (model is null) yield break;
        var bound = model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null)
            .SelectMany(p => FieldNames(p.GetCustomAttribute<BindPropertyAttribute>()!.Name ?? p.Name, p.PropertyType)).ToList();
        foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
        {
            var handler = method.Name["OnPost".Length..].Replace("Async", "");
            var parameters = method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(IFormFile))
                .SelectMany(p => IsSimple(p.ParameterType) ? [p.Name!] : FieldNames("", p.ParameterType)).ToList();
            yield return (handler, [.. bound, .. parameters]);
        }
    }

    /// <summary>The names a form gives a bound property: <c>Input.Name</c>, <c>Answers[0].Status</c>, <c>Input.Answers[clé]</c>.</summary>
    private static IEnumerable<string> FieldNames(string prefix, Type type)
    {
        string Join(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        if (IsSimple(type)) return [prefix];
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return [$"{prefix}[clé]"];
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return FieldNames($"{prefix}[0]", type.GetGenericArguments()[0]);
        return type.GetProperties().Where(p => p.CanWrite).SelectMany(p => FieldNames(Join(p.Name), p.PropertyType));
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
               || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset);
    }

    /// <summary>Names a GET binds: properties bound on GET and the parameters of the GET handlers.</summary>
    private static IEnumerable<string> QueryParameters(Type? model)
    {
        if (model is null) return [];
        var properties = model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true })
            .SelectMany(p => FieldNames(p.GetCustomAttribute<BindPropertyAttribute>()!.Name ?? p.Name, p.PropertyType));
        var parameters = model.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal))
            .SelectMany(m => m.GetParameters()).Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name!);
        return properties.Concat(parameters);
    }

    /// <summary>The page's post forms, by action (lower case), with the values a browser would send untouched.</summary>
    private static Dictionary<string, List<KeyValuePair<string, string>>> FormsOf(string html, string path)
    {
        var forms = new Dictionary<string, List<KeyValuePair<string, string>>>();
        var document = new HtmlParser().ParseDocument(html);
        foreach (var form in document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
        {
            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement input when input.Name is { Length: > 0 } name && input.Type is not ("submit" or "file"):
                        if (input.Type is "radio" or "checkbox" && !input.IsChecked) break;
                        fields.Add(new(name, input.Value));
                        break;
                    case IHtmlTextAreaElement area when area.Name is { Length: > 0 }:
                        fields.Add(new(area.Name, area.Value));
                        break;
                    case IHtmlSelectElement select when select.Name is { Length: > 0 }:
                        fields.Add(new(select.Name, select.Value ?? ""));
                        break;
                }
            }
            forms.TryAdd(WebUtility.HtmlDecode(action).ToLowerInvariant(), fields);
        }
        return forms;
    }

    private string Resolve(string path) => _placeholders.Aggregate(path, (p, x) => p.Replace(x.Key, x.Value));

    private static string Describe(string value) => value.Length > 20 ? $"<{value.Length:N0} × {value[0]}>" : JsonSerializer.Serialize(value);

    private static string VisibleText(string html) =>
        Regex.Replace(Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>|<[^>]+>", " ", RegexOptions.Singleline), @"\s+", " ");

    private static string Excerpt(string text)
    {
        var flat = VisibleText(text);
        var at = flat.IndexOf("Exception", StringComparison.Ordinal);
        return flat[Math.Max(0, at - 100)..Math.Min(flat.Length, Math.Max(0, at - 100) + 600)];
    }

    private async Task<string> MachineTokenAsync(HttpClient client)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var registration = await MachineClients.AddAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(),
            scope.ServiceProvider.GetRequiredService<AssettDbContext>(), TestTerritories.First, "Fuzz", MachineClients.Scopes.ToArray());
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = registration.ClientId, ["client_secret"] = registration.ClientSecret!,
            ["scope"] = string.Join(' ', MachineClients.Scopes),
        }), TestContext.Current.CancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("access_token").GetString()!;
    }

    /// <summary>Each request from its own address, so that the account forms' limit per address lets every case through.</summary>
    private sealed class FuzzFactory(TestDatabase database) : AssettWebFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, DistinctAddresses>());
        }
    }

    private sealed class DistinctAddresses : IStartupFilter
    {
        private static int _next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = new IPAddress(BitConverter.GetBytes(Interlocked.Increment(ref _next)));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
