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

    public sealed record Registration(string ClientId, string ClientSecret);

    public static IServiceCollection AddAssettOpenIddictCore(this IServiceCollection services)
    {
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AssettDbContext>().ReplaceDefaultEntities<Guid>());
        return services;
    }

    /// <summary>Registers a client for a tenant; the secret is returned once and only its hash is stored.</summary>
    public static async Task<Registration> AddAsync(IOpenIddictApplicationManager applications, AssettDbContext platform,
        string tenantIdentifier, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        if (!await platform.Tenants.AnyAsync(t => t.Identifier == tenantIdentifier, cancellationToken))
            throw new ArgumentException($"no tenant '{tenantIdentifier}': apply tenants-config first");
        var unknown = scopes.Except(Scopes).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown scope(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Scopes)})");
        var clientId = $"{tenantIdentifier}.{Slug(name)}";
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
            throw new ArgumentException($"a client '{clientId}' already exists");

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties = { [TenantProperty] = JsonSerializer.SerializeToElement(tenantIdentifier) },
        };
        foreach (var scope in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        await applications.CreateAsync(descriptor, cancellationToken);
        return new Registration(clientId, secret);
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
