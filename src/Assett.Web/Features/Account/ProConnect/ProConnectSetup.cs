using Assett.Data.Mail;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Account.ProConnect;

/// <summary>
/// ProConnect, the State's OpenID Connect federation for public agents, as a way for officers and platform
/// administrators to sign in: <c>Assett:ProConnect:Issuer</c>, <c>ClientId</c> and <c>ClientSecret</c>
/// (<c>Assett__ProConnect__Issuer</c>…), off without them. Authorization code with PKCE (S256), one callback
/// (<see cref="ReturnPath"/>) at the platform's public address, the territory carried in the encrypted <c>state</c>
/// (docs/decisions.md, « ProConnect »); userinfo comes as a JWT signed by ProConnect, which the OpenIddict client checks.
/// </summary>
public static class ProConnectSetup
{
    public const string ReturnPath = "/connexion/proconnect/retour";

    /// <summary>The item of the challenge's properties, kept in <c>state</c>, naming the territory signed in to; empty for the platform.</summary>
    public const string TerritoryItem = "assett_territory";

    public static IServiceCollection AddProConnect(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(ProConnectSettings.Section).Get<ProConnectSettings>() ?? new();
        services.AddSingleton(settings);
        if (!settings.IsOn) return services;
        services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(ReturnPath.TrimStart('/'));
            // State tokens are protected by ASP.NET Core Data Protection, whose keys survive restarts; these keys sign nothing that leaves the host.
            client.UseDataProtection();
            client.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            client.DisableTokenStorage();
            var aspNetCore = client.UseAspNetCore().EnableRedirectionEndpointPassthrough().EnableErrorPassthrough();
            if (!environment.IsProduction()) aspNetCore.DisableTransportSecurityRequirement();
            client.UseSystemNetHttp();
            client.AddRegistration(new OpenIddictClientRegistration
            {
                ProviderName = "ProConnect", ProviderDisplayName = "ProConnect",
                Issuer = settings.Issuer, ClientId = settings.ClientId, ClientSecret = settings.ClientSecret,
                RedirectUri = new Uri(PublicAddress.Read(configuration) + ReturnPath),
                Scopes = { Scopes.Email, "given_name", "usual_name", "siret" },
                CodeChallengeMethods = { CodeChallengeMethods.Sha256 },
            });
        });
        return services;
    }
}

/// <summary>The deployment's ProConnect client (<c>Assett:ProConnect</c>); <see cref="IsOn"/> when its issuer and client are given.</summary>
public sealed class ProConnectSettings
{
    public const string Section = "Assett:ProConnect";

    /// <summary>ProConnect's issuer, e.g. <c>https://auth.agentconnect.gouv.fr/api/v2</c>.</summary>
    public Uri? Issuer { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsOn => Issuer is not null && !string.IsNullOrWhiteSpace(ClientId);
}
