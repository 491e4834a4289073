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
        var add = new Command("add", "Register a machine client (client credentials) bound to one territory; prints its secret once.") { tenant, name, scopes };
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
                var client = await MachineClients.AddAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(),
                    scope.ServiceProvider.GetRequiredService<AssettDbContext>(), parseResult.GetValue(tenant)!, parseResult.GetValue(name)!,
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
