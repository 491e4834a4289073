using System.Security.Cryptography.X509Certificates;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Shared.Api;

/// <summary>
/// The token server (OpenIddict) and the <c>/api/v1</c> side: token validation, one authorization
/// policy per scope, the OpenAPI document. Signing and encryption keys are ephemeral in development
/// and tests; production loads certificates from configuration (see the README).
/// </summary>
public static class ApiSetup
{
    public const string TokenEndpoint = "/connect/token";
    public const string AuthorizationEndpoint = "/connect/authorize";

    public static IServiceCollection AddAssettApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddAssettOpenIddictCore();
        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.TrimStart('/'));
                server.SetAuthorizationEndpointUris(AuthorizationEndpoint.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // PKCE with S256 only: « plain » sends the verifier itself through the browser.
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.SetIssuer(new Uri(PublicAddress.Read(configuration) + "/"));
                server.AllowRefreshTokenFlow();
                server.RegisterScopes([.. MachineClients.Scopes, Scopes.OfflineAccess]);
                AddKeys(server, configuration, environment);
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough();
                if (!environment.IsProduction()) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        services.AddAuthentication();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, RequestHandlersOnTheirPaths>());
        services.AddAuthorization(options =>
        {
            options.AddPolicy(TokenOfThisTerritory, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.Resource is HttpContext http
                    && http.RequestServices.GetRequiredService<IMultiTenantContextAccessor>().Current is { } territory
                    && string.Equals(context.User.FindFirst(ClaimStrategy.TenantClaim)?.Value, territory.Identifier, StringComparison.Ordinal)));
            foreach (var scope in MachineClients.Scopes)
                options.AddPolicy(Policy(scope), policy => policy
                    .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.HasScope(scope)));
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.InFrench);
        // A parameter that cannot be read is a 400 problem document in every environment, not an exception in development.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddOpenApi("v1", options => options.ShouldInclude = description =>
            description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true);
        return services;
    }

    public static string Policy(string scope) => $"api:{scope}";

    /// <summary>Every <c>/api/v1</c> endpoint: a token whose territory is the current one (docs/decisions.md, « API addressing »).</summary>
    public const string TokenOfThisTerritory = "api:territory";

    private static void AddKeys(OpenIddictServerBuilder server, IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = configuration["Assett:Tokens:SigningCertificate"];
        var encryption = configuration["Assett:Tokens:EncryptionCertificate"];
        if (signing is null || encryption is null)
        {
            if (environment.IsProduction())
                throw new InvalidOperationException(
                    "Tokens need certificates in production: set Assett__Tokens__SigningCertificate and Assett__Tokens__EncryptionCertificate " +
                    "to PKCS#12 files (and Assett__Tokens__CertificatePassword). See the README.");
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            return;
        }
        var password = configuration["Assett:Tokens:CertificatePassword"];
        server.AddSigningCertificate(X509CertificateLoader.LoadPkcs12FromFile(signing, password));
        server.AddEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(encryption, password));
    }
}
