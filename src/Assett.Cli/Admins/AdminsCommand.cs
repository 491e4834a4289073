using System.CommandLine;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Cli.Admins;

/// <summary><c>assett admins add --email …</c>: a platform administrator (the Cerema team).</summary>
public static class AdminsCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var email = new Option<string>("--email") { Description = "The administrator's address.", Required = true };
        var add = new Command("add", "Make a person a platform administrator; prints a link to choose a password (valid 3 days).") { email };
        add.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton<IMultiTenantContextAccessor, MultiTenantContextAccessor>()
                .AddDbContext<AssettDbContext>(options => options.UseAssettDatabase(database.AppConnectionString))
                .AddAssettDataProtection(configuration)
                .AddAssettIdentityCore();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>();
            var address = parseResult.GetValue(email)!.Trim();
            var user = await users.FindByEmailAsync(address);
            if (user is null)
            {
                user = new AssettUser { Id = Guid.NewGuid(), UserName = address, Email = address, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                    return 1;
                }
            }
            else if (!user.EmailConfirmed)
            {
                // Whoever registered this address never proved it is theirs: they may not be the person meant.
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"error: the account of {address} has not confirmed its address. Ask its owner to confirm it (the link of its registration email, " +
                    "or « Mot de passe oublié »), then run this command again.");
                return 1;
            }
            user.IsPlatformAdministrator = true;
            await users.UpdateAsync(user);
            // Signs the account out everywhere: any session opened before it became an administrator ends.
            await users.UpdateSecurityStampAsync(user);
            var code = AccountLinkCodes.Encode(await users.GeneratePasswordResetTokenAsync(user));
            var publicUrl = PublicAddress.Read(configuration);
            await output.WriteLineAsync($"{address} is a platform administrator.");
            await output.WriteLineAsync($"Password link (valid 3 days, once): {publicUrl}/nouveau-mot-de-passe?utilisateur={user.Id}&code={code}");
            return 0;
        }));
        var command = new Command("admins", "Platform administrators (the Cerema team).");
        command.Subcommands.Add(add);
        return command;
    }
}
