using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Data.Accounts;

/// <summary>
/// Machine clients (a territory's CRM...): OpenIddict applications using client credentials, each
/// bound to one tenant (its <see cref="TenantProperty"/>), which the token endpoint emits as a claim.
/// </summary>
public static class MachineClients
{
    public const string TenantProperty = "tenant";

    /// <summary>The API areas a token may be granted: one scope each.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["organisations", "cohort"];

    public sealed record Registration(string ClientId, string? ClientSecret);

    /// <summary>
    /// Registers an interactive application of a tenant (a public client: authorization code with PKCE,
    /// refresh tokens); people sign in and the tokens carry their identity and the tenant.
    /// </summary>
    public static async Task<Registration> AddInteractiveAsync(IOpenIddictApplicationManager applications, AssettDbContext platform,
        string tenantIdentifier, string name, IReadOnlyCollection<string> scopes, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        var (clientId, descriptor) = await DescribeAsync(applications, platform, tenantIdentifier, name, scopes, cancellationToken);
        descriptor.ClientType = ClientTypes.Public;
        descriptor.RedirectUris.Add(redirectUri);
        foreach (var permission in new[] { Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                     Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code })
            descriptor.Permissions.Add(permission);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        await applications.CreateAsync(descriptor, cancellationToken);
        return new Registration(clientId, null);
    }

    public static IServiceCollection AddAssettOpenIddictCore(this IServiceCollection services)
    {
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AssettDbContext>().ReplaceDefaultEntities<Guid>());
        return services;
    }

    /// <summary>Registers a client for a tenant; the secret is returned once and only its hash is stored.</summary>
    public static async Task<Registration> AddAsync(IOpenIddictApplicationManager applications, AssettDbContext platform,
        string tenantIdentifier, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        var (clientId, descriptor) = await DescribeAsync(applications, platform, tenantIdentifier, name, scopes, cancellationToken);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        descriptor.ClientSecret = secret;
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        await applications.CreateAsync(descriptor, cancellationToken);
        return new Registration(clientId, secret);
    }

    private static async Task<(string ClientId, OpenIddictApplicationDescriptor Descriptor)> DescribeAsync(IOpenIddictApplicationManager applications,
        AssettDbContext platform, string tenantIdentifier, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        if (!await platform.Tenants.AnyAsync(t => t.Identifier == tenantIdentifier, cancellationToken))
            throw new ArgumentException($"no tenant '{tenantIdentifier}': apply tenants-config first");
        var unknown = scopes.Except(Scopes).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown scope(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Scopes)})");
        var clientId = $"{tenantIdentifier}.{Slug(name)}";
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
            throw new ArgumentException($"a client '{clientId}' already exists");

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = name,
            Properties = { [TenantProperty] = JsonSerializer.SerializeToElement(tenantIdentifier) },
        };
        foreach (var scope in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return (clientId, descriptor);
    }

    private static string Slug(string name)
    {
        var slug = new string(name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        slug = slug.Trim('-');
        if (slug.Length == 0) throw new ArgumentException("the client's name needs letters or digits");
        return slug;
    }
}
