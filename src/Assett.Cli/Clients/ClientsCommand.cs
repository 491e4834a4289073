using System.CommandLine;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Assett.Cli.Clients;

/// <summary><c>assett clients add --tenant &lt;slug&gt; --name &lt;name&gt; --scopes …</c>: a machine client of one territory.</summary>
public static class ClientsCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var tenant = new Option<string>("--tenant") { Description = "The territory the client belongs to.", Required = true };
        var name = new Option<string>("--name") { Description = "What the client is, e.g. \"CRM\".", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"API areas it may read: {string.Join(", ", MachineClients.Scopes)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var redirectUri = new Option<string?>("--redirect-uri")
        {
            Description = "Register an interactive application instead (authorization code with PKCE, refresh tokens, no secret), redirected here.",
        };
        redirectUri.Validators.Add(result =>
        {
            if (result.GetValue(redirectUri) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out _))
                result.AddError($"--redirect-uri must be an absolute address, such as https://app.example/callback, not '{text}'");
        });
        var add = new Command("add", "Register a client bound to one territory: a machine client (client credentials; prints its secret once), " +
            "or with --redirect-uri an interactive application.") { tenant, name, scopes, redirectUri };
        add.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            var services = new ServiceCollection()
                .AddSingleton<IMultiTenantContextAccessor, MultiTenantContextAccessor>()
                .AddDbContext<AssettDbContext>(options => options.UseAssettDatabase(database.AppConnectionString))
                .AddAssettOpenIddictCore();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            try
            {
                var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
                var platform = scope.ServiceProvider.GetRequiredService<AssettDbContext>();
                if (parseResult.GetValue(redirectUri) is { } redirect)
                {
                    var application = await MachineClients.AddInteractiveAsync(applications, platform, parseResult.GetValue(tenant)!,
                        parseResult.GetValue(name)!, parseResult.GetValue(scopes)!, new Uri(redirect), cancellationToken);
                    await output.WriteLineAsync($"client_id:     {application.ClientId}");
                    await output.WriteLineAsync("A public client: no secret; it must use PKCE (S256) at /connect/authorize, then /connect/token.");
                    return 0;
                }
                var client = await MachineClients.AddAsync(applications, platform, parseResult.GetValue(tenant)!, parseResult.GetValue(name)!,
                    parseResult.GetValue(scopes)!, cancellationToken);
                await output.WriteLineAsync($"client_id:     {client.ClientId}");
                await output.WriteLineAsync($"client_secret: {client.ClientSecret}");
                await output.WriteLineAsync("Keep the secret now: it is stored only as a hash and will not be shown again.");
                return 0;
            }
            catch (ArgumentException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        var command = new Command("clients", "Machine clients of the API (a territory's CRM...).");
        command.Subcommands.Add(add);
        return command;
    }
}
