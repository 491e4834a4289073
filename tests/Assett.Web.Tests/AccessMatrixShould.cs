using System.Text.RegularExpressions;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Assett.Web.Tests;

/// <summary>
/// Every endpoint and page of the route table against every kind of visitor. A new endpoint missing
/// from the matrix fails <see cref="CoverEveryEndpointOfTheRouteTable"/>: say who may reach it.
/// </summary>
public sealed class AccessMatrixShould(PostgresServer server) : WebHostTest(server)
{
    private const string Password = "Clé-Secrète-2026";
    private const string SignIn = "sign-in";

    private enum Persona { Anonymous, Owner, Editor, Reader, OtherOrganisation, Officer, OtherTenantOfficer, PlatformAdministrator, OtherTenantClient }

    private static readonly Persona[] Everyone = Enum.GetValues<Persona>();

    /// <summary>The business owner's journey: every member of an organisation works on their own organisation's assessment.</summary>
    private static string OrganisationMembersOnly(Persona persona) => persona switch
    {
        Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation => "200",
        Persona.Officer or Persona.PlatformAdministrator => "403",
        Persona.OtherTenantOfficer => "404",
        _ => SignIn,
    };

    /// <summary>Route pattern → the request that exercises it, and what each visitor gets (a status, or "sign-in").</summary>
    private static readonly Dictionary<string, (string Path, Func<Persona, string> Expected)> Matrix = new()
    {
        [""] = ($"/t/{TestTerritories.First}/", _ => "200"),
        ["Error"] = ("/Error?code=404", _ => "404"),
        ["connexion"] = ($"/t/{TestTerritories.First}/connexion", _ => "200"),
        // ProConnect is off on this host; ProConnectShould signs in through it where it is on.
        ["connexion/proconnect/retour"] = ("/connexion/proconnect/retour", _ => "404"),
        ["deconnexion"] = ($"/t/{TestTerritories.First}/deconnexion", _ => "302"),
        ["inscription"] = ($"/t/{TestTerritories.First}/inscription", _ => "200"),
        ["confirmation"] = ($"/t/{TestTerritories.First}/confirmation", _ => "200"),
        ["mot-de-passe-oublie"] = ($"/t/{TestTerritories.First}/mot-de-passe-oublie", _ => "200"),
        ["nouveau-mot-de-passe"] = ($"/t/{TestTerritories.First}/nouveau-mot-de-passe", _ => "200"),
        ["invitation"] = ($"/t/{TestTerritories.First}/invitation", _ => "200"),
        ["mon-compte"] = ($"/t/{TestTerritories.First}/mon-compte", persona => persona is Persona.Anonymous or Persona.OtherTenantClient ? SignIn : "200"),
        ["rappels/arret"] = ($"/t/{TestTerritories.First}/rappels/arret", _ => "404"), // without a valid code
        ["organisation/equipe"] = ($"/t/{TestTerritories.First}/organisation/equipe", persona => persona switch
        {
            Persona.Owner or Persona.OtherOrganisation => "200", // each owner sees their own organisation's team
            Persona.Editor or Persona.Reader or Persona.Officer or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["territoire/invitations"] = ($"/t/{TestTerritories.First}/territoire/invitations", persona => persona switch
        {
            Persona.Officer => "200",
            Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["territoire"] = ($"/t/{TestTerritories.First}/territoire", OfficersOnly),
        ["territoire/organisations"] = ($"/t/{TestTerritories.First}/territoire/organisations", OfficersOnly),
        ["territoire/organisations/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/organisations/{{A1}}", OfficersOnly),
        ["territoire/rapports"] = ($"/t/{TestTerritories.First}/territoire/rapports", OfficersOnly),
        ["territoire/campagnes"] = ($"/t/{TestTerritories.First}/territoire/campagnes", OfficersOnly),
        ["territoire/rappels"] = ($"/t/{TestTerritories.First}/territoire/rappels", OfficersOnly),
        ["territoire/equipe"] = ($"/t/{TestTerritories.First}/territoire/equipe", OfficersOnly),
        ["plateforme/courriels"] = ($"/t/{TestTerritories.First}/plateforme/courriels", persona => persona switch
        {
            Persona.PlatformAdministrator => "200",
            Persona.OtherTenantOfficer => "404",
            Persona.Anonymous or Persona.OtherTenantClient => SignIn,
            _ => "403",
        }),
        ["plateforme"] = ("/plateforme", PlatformAdministratorsOnly),
        ["plateforme/chiffres"] = ("/plateforme/chiffres", PlatformAdministratorsOnly),
        ["plateforme/referentiels"] = ("/plateforme/referentiels", PlatformAdministratorsOnly),
        ["territoire/rapports/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/rapports/{Guid.Empty}",
            persona => persona == Persona.Officer ? "404" : OfficersOnly(persona)),
        ["evaluation"] = ($"/t/{TestTerritories.First}/evaluation", OrganisationMembersOnly),
        ["evaluation/{mesure}"] = ($"/t/{TestTerritories.First}/evaluation/1.1", OrganisationMembersOnly),
        ["resultats"] = ($"/t/{TestTerritories.First}/resultats", OrganisationMembersOnly),
        ["resultats/progression"] = ($"/t/{TestTerritories.First}/resultats/progression", OrganisationMembersOnly),
        ["resultats/transmettre"] = ($"/t/{TestTerritories.First}/resultats/transmettre", persona => persona switch
        {
            Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation => "302", // the campaign is not open: back to the results
            Persona.Officer or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["evaluation/reponses.csv"] = ($"/t/{TestTerritories.First}/evaluation/reponses.csv", OrganisationMembersOnly),
        ["organisation/profil"] = ($"/t/{TestTerritories.First}/organisation/profil", OrganisationMembersOnly),
        ["organisation/donnees"] = ($"/t/{TestTerritories.First}/organisation/donnees", persona => persona switch
        {
            Persona.Owner or Persona.OtherOrganisation => "200", // each owner, for their own organisation
            Persona.Editor or Persona.Reader or Persona.Officer or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["organisation/charte"] = ($"/t/{TestTerritories.First}/organisation/charte", persona => persona switch
        {
            Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation => "302", // no charter in the territory: on to the questionnaire
            Persona.Officer or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["organisation/visibilite"] = ($"/t/{TestTerritories.First}/organisation/visibilite", OrganisationMembersOnly),
        ["acteurs-engages"] = ($"/t/{TestTerritories.First}/acteurs-engages", _ => "200"),
        ["mentions-legales"] = ($"/t/{TestTerritories.First}/mentions-legales", _ => "200"),
        ["donnees-personnelles"] = ($"/t/{TestTerritories.First}/donnees-personnelles", _ => "200"),
        ["accessibilite"] = ($"/t/{TestTerritories.First}/accessibilite", _ => "200"),
        ["plan-du-site"] = ($"/t/{TestTerritories.First}/plan-du-site", _ => "200"),
        ["bilan/{campagne:guid?}"] = ($"/t/{TestTerritories.First}/bilan", OrganisationMembersOnly),
        ["territoire/bilans"] = ($"/t/{TestTerritories.First}/territoire/bilans", OfficersOnly),
        ["territoire/engagements"] = ($"/t/{TestTerritories.First}/territoire/engagements", OfficersOnly),
        ["territoire/rencontres"] = ($"/t/{TestTerritories.First}/territoire/rencontres", OfficersOnly),
        ["territoire/preuves"] = ($"/t/{TestTerritories.First}/territoire/preuves", OfficersOnly),
        ["territoire/rencontres/{id:guid}"] = ($"/t/{TestTerritories.First}/territoire/rencontres/{{M1}}", OfficersOnly),
        ["territoire/rencontres/planifier/{id:guid?}"] = ($"/t/{TestTerritories.First}/territoire/rencontres/planifier/{{M1}}", OfficersOnly),
        ["rencontres"] = ($"/t/{TestTerritories.First}/rencontres", OrganisationMembersOnly),
        ["rencontres/{id:guid}"] = ($"/t/{TestTerritories.First}/rencontres/{{M1}}", OrganisationMembersOnly), // the whole cohort is invited
        ["rencontres/arret"] = ($"/t/{TestTerritories.First}/rencontres/arret", _ => "404"), // without a valid code
        ["boite-a-outils"] = ($"/t/{TestTerritories.First}/boite-a-outils", OrganisationMembersOnly),
        ["plan-action"] = ($"/t/{TestTerritories.First}/plan-action", OrganisationMembersOnly),
        ["territoire/inscriptions"] = ($"/t/{TestTerritories.First}/territoire/inscriptions", persona => persona switch
        {
            Persona.Officer => "200",
            Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation or Persona.PlatformAdministrator => "403",
            Persona.OtherTenantOfficer => "404",
            _ => SignIn,
        }),
        ["GET /api/v1/organisations/"] = ("/api/v1/organisations", persona => persona == Persona.OtherTenantClient ? "200" : "401"),
        ["GET /api/v1/organisations/{id:guid}"] = ("/api/v1/organisations/{A1}", persona => persona == Persona.OtherTenantClient ? "404" : "401"),
        ["GET /api/v1/cohort"] = ("/api/v1/cohort", persona => persona == Persona.OtherTenantClient ? "403" : "401"), // its token lacks the cohort scope
        ["GET /api/v1/assessments/{id:guid}"] = ($"/api/v1/assessments/{Guid.Empty}", persona => persona == Persona.OtherTenantClient ? "404" : "401"),
        ["POST /connect/token"] = ("", _ => ""), // the token server: see OrganisationsApiShould and InteractiveClientShould
        ["GET,POST /connect/authorize"] = ("", _ => ""),
        ["GET /api/v1/openapi.json"] = ("/api/v1/openapi.json", _ => "200"),
        ["GET /api/v1/reference/{documentName?}"] = ("/api/v1/reference/", _ => "200"),
        ["GET /api/v1/reference/scalar.js"] = ("/api/v1/reference/scalar.js", _ => "200"),
        ["GET /api/v1/reference/scalar.aspnetcore.js"] = ("/api/v1/reference/scalar.aspnetcore.js", _ => "200"),
        ["GET /api/v1/reference/favicon.svg"] = ("/api/v1/reference/favicon.svg", _ => "200"),
    };

    /// <summary>The Cerema console, outside any territory, where only the platform administrator has signed in.</summary>
    private static string PlatformAdministratorsOnly(Persona persona) => persona == Persona.PlatformAdministrator ? "200" : SignIn;

    /// <summary>The territory's officers; platform administrators only where they are officers too (docs/decisions.md).</summary>
    private static string OfficersOnly(Persona persona) => persona switch
    {
        Persona.Officer => "200",
        Persona.Owner or Persona.Editor or Persona.Reader or Persona.OtherOrganisation or Persona.PlatformAdministrator => "403",
        Persona.OtherTenantOfficer => "404",
        _ => SignIn,
    };

    private readonly Dictionary<Persona, HttpClient> _clients = [];
    private Guid _organisationA1;
    private Guid _meetingM1;

    private string Placed(string path) => path.Replace("{A1}", _organisationA1.ToString()).Replace("{M1}", _meetingM1.ToString());

    [Fact]
    public void CoverEveryEndpointOfTheRouteTable()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(Key).Distinct().Order().ToList();

        Assert.Empty(endpoints.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(endpoints));
    }

    [Fact]
    public async Task GiveEachVisitorWhatTheMatrixSays()
    {
        var failures = new List<string>();
        foreach (var (key, (path, expected)) in Matrix.Where(m => m.Value.Path.Length > 0))
        {
            foreach (var persona in Everyone)
            {
                var response = await _clients[persona].GetAsync(Placed(path), TestContext.Current.CancellationToken);
                var actual = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/connexion?ReturnUrl=") == true
                    ? SignIn : ((int)response.StatusCode).ToString();
                if (actual != expected(persona)) failures.Add($"{key} as {persona}: expected {expected(persona)}, got {actual}");
                if (actual == "500") failures.Add(await ExceptionOfAsync(response));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Names only one territory's pages or tokens may show.</summary>
    private static readonly Dictionary<string, string[]> Markers = new()
    {
        [TestTerritories.First] = ["Organisation A1", "Organisation A2"],
        [TestTerritories.Second] = ["Organisation B1"],
    };

    /// <summary>
    /// Every page and endpoint of the matrix, addressed to territory A and to territory B in every
    /// spelling (prefix, letter case, trailing slash, dot segments, encoded slash, the territory's host,
    /// the API under a territory's prefix), by every visitor: no answer shows another territory's data,
    /// none is a 5xx. On the API the token's territory is the one whose data may show.
    /// </summary>
    [Fact]
    public async Task NeverShowAnotherTerritorysDataWhateverTheAddress()
    {
        var requests = Matrix.Values.Select(m => Placed(m.Path)).Where(p => p.Length > 0)
            .SelectMany(path => path.StartsWith("/api/", StringComparison.Ordinal) ? ApiAddresses(path)
                : path.StartsWith($"/t/{TestTerritories.First}", StringComparison.Ordinal)
                    ? Markers.Keys.SelectMany(slug => PageAddresses(slug, path[$"/t/{TestTerritories.First}".Length..]))
                    : [])
            .Distinct().ToList();
        var failures = new List<string>();
        foreach (var persona in Everyone)
            foreach (var (host, path, territory) in requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = host } };
                var response = await _clients[persona].SendAsync(request, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                // A page shows its territory's data; the API its token's, and nothing without one.
                var allowed = territory ?? (persona == Persona.OtherTenantClient ? TestTerritories.Second : null);
                var leaked = Markers.Where(m => m.Key != allowed).SelectMany(m => m.Value).Where(body.Contains).ToList();
                if ((int)response.StatusCode >= 500) failures.Add($"{persona} {host}{path}: {(int)response.StatusCode}");
                if (leaked.Count > 0) failures.Add($"{persona} {host}{path}: shows {string.Join(", ", leaked)}");
            }
        Assert.True(requests.Count > 400, $"{requests.Count} addresses");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    /// <summary>A territory's page, in every spelling that names it; the territory whose data the page may show.</summary>
    private static IEnumerable<(string Host, string Path, string? Territory)> PageAddresses(string slug, string rest)
    {
        rest = rest.TrimEnd('/');
        var bare = rest.TrimStart('/');
        foreach (var path in new[] { $"/t/{slug}{rest}/", $"/t/{slug}{rest}", $"/T/{slug.ToUpperInvariant()}{rest}", $"/t/{slug}{rest.ToUpperInvariant()}",
                     $"/t/{slug}/.{rest}", $"/t/{slug}/x/..{rest}", $"/t/{slug}%2F{bare}", $"/t/{slug}//{bare}",
                     $"/t/{slug}/api/v1/{bare}", $"/t/{slug}/connect/{bare}" })
            yield return ("localhost", path, slug);
        yield return ($"{slug}.assett.localhost", rest.Length == 0 ? "/" : rest, slug);
    }

    /// <summary>An API path, through every host and prefix: only the token may choose the territory (null: not the address).</summary>
    private static IEnumerable<(string Host, string Path, string? Territory)> ApiAddresses(string path)
    {
        foreach (var host in new[] { "localhost", $"{TestTerritories.First}.assett.localhost", $"{TestTerritories.Second}.assett.localhost" })
            foreach (var spelling in new[] { path, path + "/", path.ToUpperInvariant(), "/api/./" + path["/api/".Length..] })
                yield return (host, spelling, null);
        foreach (var slug in Markers.Keys)
            yield return ("localhost", $"/t/{slug}{path}", null);
    }

    [Fact]
    public async Task OpenTheJobsDashboardToPlatformAdministratorsOnly()
    {
        var answers = new Dictionary<Persona, int>();
        foreach (var persona in Everyone)
            answers[persona] = (int)(await _clients[persona].GetAsync($"/t/{TestTerritories.First}/hangfire",
                TestContext.Current.CancellationToken)).StatusCode;
        var page = await _clients[Persona.PlatformAdministrator].GetStringAsync($"/t/{TestTerritories.First}/hangfire/servers",
            TestContext.Current.CancellationToken);
        // Sessions are per territory (the cookie's path): outside one, only the platform's own session counts.
        var outside = await _clients[Persona.PlatformAdministrator].GetAsync("/hangfire", TestContext.Current.CancellationToken);
        var officerOutside = await _clients[Persona.Officer].GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(200, answers[Persona.PlatformAdministrator]);
        Assert.All(answers.Where(a => a.Key != Persona.PlatformAdministrator), a => Assert.True(a.Value is 401 or 403, $"{a.Key}: {a.Value}"));
        Assert.DoesNotContain("Host=", page);
        Assert.DoesNotContain("Username=", page);
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, officerOutside.StatusCode);
    }

    /// <summary>The development error page's exception, as text, so that a 500 says why.</summary>
    private static async Task<string> ExceptionOfAsync(HttpResponseMessage response)
    {
        var text = Regex.Replace(Regex.Replace(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "<[^>]+>", " "), @"\s+", " ");
        var at = Math.Max(0, text.IndexOf("Exception", StringComparison.Ordinal) - 100);
        return text[at..Math.Min(text.Length, at + 1500)];
    }

    private static string Key(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var pattern = endpoint.RoutePattern.RawText ?? "";
        return methods is { Count: > 0 } ? $"{string.Join(",", methods)} {(pattern.StartsWith('/') ? pattern : "/" + pattern)}" : pattern;
    }

    protected override async Task ArrangeAsync()
    {
        var store = Factory.Services.GetRequiredService<ITenantStore>();
        var a = (await store.FindByIdentifierAsync(TestTerritories.First))!;
        var b = (await store.FindByIdentifierAsync(TestTerritories.Second))!;
        var users = new Dictionary<Persona, Guid>();
        foreach (var persona in Everyone.Except([Persona.Anonymous, Persona.OtherTenantClient]))
            users[persona] = await CreateUserAsync($"{persona.ToString().ToLowerInvariant()}@exemple.fr", persona == Persona.PlatformAdministrator);

        var accessor = new MultiTenantContextAccessor();
        var connection = Factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString;
        using (accessor.Change(a))
        {
            await using var db = AssettDbContextOptions.Create(connection);
            var a1 = new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Organisation A1" };
            var a2 = new Organisation { Id = Guid.NewGuid(), Siret = "35600000000048", Name = "Organisation A2" };
            db.Organisations.AddRange(a1, a2);
            Member(db, users[Persona.Owner], a1.Id, MembershipRole.OrganisationOwner);
            Member(db, users[Persona.Editor], a1.Id, MembershipRole.OrganisationEditor);
            Member(db, users[Persona.Reader], a1.Id, MembershipRole.OrganisationReader);
            Member(db, users[Persona.OtherOrganisation], a2.Id, MembershipRole.OrganisationOwner);
            Member(db, users[Persona.Officer], null, MembershipRole.OfficerAdmin);
            var meeting = new Data.Meetings.Meeting
            {
                Id = Guid.NewGuid(), Title = "Atelier énergie", DurationMinutes = 90, StartsAt = DateTimeOffset.UtcNow.AddDays(10), Place = "Mairie",
                State = Data.Meetings.MeetingState.Published, CreatedBy = "officer@exemple.fr",
            };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            _organisationA1 = a1.Id;
            _meetingM1 = meeting.Id;
        }
        using (accessor.Change(b))
        {
            await using var db = AssettDbContextOptions.Create(connection);
            Member(db, users[Persona.OtherTenantOfficer], null, MembershipRole.OfficerAdmin);
            db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Organisation B1" });
            await db.SaveChangesAsync();
        }

        foreach (var persona in Everyone)
        {
            var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (users.ContainsKey(persona)) await SignInAsync(client, $"{persona.ToString().ToLowerInvariant()}@exemple.fr");
            // The console is outside any territory: its session is the platform's own.
            if (persona == Persona.PlatformAdministrator) await SignInAsync(client, "platformadministrator@exemple.fr", "");
            if (persona == Persona.OtherTenantClient)
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await MachineTokenAsync(client, TestTerritories.Second));
            _clients[persona] = client;
        }
    }

    private static void Member(AssettDbContext db, Guid user, Guid? organisation, MembershipRole role) =>
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user, OrganisationId = organisation, Role = role });

    private async Task<Guid> CreateUserAsync(string email, bool platformAdministrator)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = new AssettUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, IsPlatformAdministrator = platformAdministrator,
        };
        await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, Password);
        return user.Id;
    }

    private static async Task SignInAsync(HttpClient client, string email, string territoryPrefix = $"/t/{TestTerritories.First}")
    {
        var response = await client.SubmitAsync($"{territoryPrefix}/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<string> MachineTokenAsync(HttpClient client, string tenant)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var registration = await MachineClients.AddAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(),
            scope.ServiceProvider.GetRequiredService<AssettDbContext>(), tenant, "CRM", ["organisations"]);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = registration.ClientId, ["client_secret"] = registration.ClientSecret!,
            ["scope"] = "organisations",
        }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
