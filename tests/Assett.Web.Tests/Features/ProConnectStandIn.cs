using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Tests.Features;

/// <summary>
/// A local OpenID Connect provider standing in for ProConnect: a second OpenIddict host (degraded mode, no database)
/// that knows one client, signs in whoever <see cref="Agent"/> names without asking, and, like ProConnect, answers
/// userinfo with a JWT signed by its own key.
/// </summary>
public sealed class ProConnectStandIn : IAsyncDisposable
{
    public const string ClientId = "assett-tests";
    public const string ClientSecret = "secret-des-tests";

    private readonly WebApplication _app;

    public ProConnectStandIn()
    {
        Issuer = new Uri($"http://127.0.0.1:{FreePort()}/");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Issuer.Port));
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(Issuer);
            server.SetAuthorizationEndpointUris("authorize").SetTokenEndpointUris("token").SetUserInfoEndpointUris("userinfo");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Email, "given_name", "usual_name", "siret");
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.EnableDegradedMode(); // no stores: the handlers below check the one client
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "unknown client");
                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret) context.Reject(Errors.InvalidClient, "bad secret");
                return default;
            }));
            server.UseAspNetCore().DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableUserInfoEndpointPassthrough();
        });
        _app = builder.Build();
        _app.MapGet("/authorize", SignInTheAgent);
        _app.MapPost("/token", (Delegate)(async (HttpContext context) =>
            Results.SignIn((await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!,
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)));
        _app.MapMethods("/userinfo", ["GET", "POST"], (Delegate)SignedUserInfoAsync);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public Uri Issuer { get; }

    private int _userInfoAnswers;

    /// <summary>Signs userinfo with a key that is not in the provider's JWKS, as a forger would.</summary>
    public bool ForgesUserInfo { get; set; }

    /// <summary>How many signed userinfo answers the provider gave.</summary>
    public int UserInfoAnswers => _userInfoAnswers;

    /// <summary>The agent ProConnect signs in: its email, and whether it sends <c>email_verified</c> false.</summary>
    public string Agent { get; set; } = "agente@essai-nord.example";

    private IResult SignInTheAgent(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()!;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, $"sub-{Agent}"));
        identity.AddClaim(new Claim(Claims.Email, Agent));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.IdentityToken);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>As ProConnect does: <c>application/jwt</c>, signed with the key of the provider's JWKS.</summary>
    private async Task<IResult> SignedUserInfoAsync(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        Interlocked.Increment(ref _userInfoAnswers);
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var email = principal.GetClaim(Claims.Email)!;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer.AbsoluteUri, Audience = ClientId,
            SigningCredentials = ForgesUserInfo
                ? new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)
                : options.SigningCredentials[0],
            Claims = new Dictionary<string, object>
            {
                [Claims.Subject] = principal.GetClaim(Claims.Subject)!, [Claims.Email] = email, [Claims.GivenName] = "Camille",
                ["usual_name"] = "Martin", ["siret"] = "21740056300011",
            },
        });
        return Results.Text(token, "application/jwt");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
