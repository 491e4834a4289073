using System.CommandLine;
using System.Diagnostics;
using Assett.Cli.Referentials;
using Assett.Data;
using Assett.Data.Mail;
using Assett.Data.Onboarding;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli.Tenants;

/// <summary><c>assett tenants new|validate|apply|list</c>: onboarding territories from <c>tenants-config/</c>.</summary>
public static class TenantsCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var command = new Command("tenants", "Territories: start, check and apply tenants-config/, list what the database holds.");
        command.Subcommands.Add(New());
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Apply(configuration));
        command.Subcommands.Add(List(configuration));
        return command;
    }

    private static Argument<string?> FolderArgument() => new("dir")
    {
        Description = "The tenants-config folder (default: tenants-config/ at the root of the checkout).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static string DefaultFolder() => Path.Combine(RepositoryRoot.Find(), "tenants-config");

    private static Command New()
    {
        var siren = new Option<string>("--siren") { Description = "SIREN of the intercommunality (EPCI or EPT).", Required = true };
        var slug = new Option<string>("--slug") { Description = "The territory's identifier and folder name, e.g. grand-poitiers.", Required = true };
        var folder = new Option<string?>("--folder") { Description = "The tenants-config folder (default: tenants-config/ at the root of the checkout)." };
        var command = new Command("new", "Write <slug>/tenant.yaml from the official reference data, with what Cerema must fill marked.")
        {
            siren, slug, folder,
        };
        command.SetAction(parseResult =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var root = parseResult.GetValue(folder) ?? DefaultFolder();
            NewTenant written;
            try
            {
                written = NewTenantWriter.Write(root, parseResult.GetValue(siren)!, parseResult.GetValue(slug)!);
            }
            catch (NewTenantException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
            var territory = written.Territory;
            output.WriteLine($"Wrote {written.File}: {territory.Name} (SIREN {territory.Siren}), {territory.Communes.Count} communes, {territory.TimeZone}.");
            output.WriteLine("To fill in with the territory before it can be applied:");
            foreach (var (line, field) in written.Blanks)
                output.WriteLine($"  {written.File}:{line}: {field}: {TenantBlanks.Reason(field)}");
            output.WriteLine($"Then: assett tenants validate {root} && assett tenants apply {root}");
            return 0;
        });
        return command;
    }

    private static Command Validate()
    {
        var folder = FolderArgument();
        var command = new Command("validate", "Check every tenant.yaml and the referentials they use; report every mistake.") { folder };
        command.SetAction(parseResult =>
        {
            var (tenants, diagnostics) = TenantsConfigReader.Read(parseResult.GetValue(folder) ?? DefaultFolder());
            if (!PackageReport.WriteDiagnostics(diagnostics, parseResult.InvocationConfiguration.Error)) return 1;
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"{tenants.Count} tenant(s) valid: {string.Join(", ", tenants.Select(t => t.Identifier))}");
            return 0;
        });
        return command;
    }

    private static Command Apply(IConfiguration configuration)
    {
        var folder = FolderArgument();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change, change nothing." };
        var command = new Command("apply", "Create or update the tenants of tenants-config/ in the database (idempotent).") { folder, dryRun };
        command.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            var (tenants, diagnostics) = TenantsConfigReader.Read(parseResult.GetValue(folder) ?? DefaultFolder());
            if (!PackageReport.WriteDiagnostics(diagnostics, parseResult.InvocationConfiguration.Error)) return 1;
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            var clock = Stopwatch.StartNew();
            var results = await new TenantsConfigApplier(database.AppConnectionString, TimeProvider.System, PublicAddress.Read(configuration))
                .ApplyAsync(tenants, parseResult.GetValue(dryRun), Environment.UserName, cancellationToken);
            var verb = parseResult.GetValue(dryRun) ? "would " : "";
            foreach (var result in results)
            {
                if (result.Changes.Count == 0) await output.WriteLineAsync($"{result.Identifier}: unchanged");
                foreach (var change in result.Changes) await output.WriteLineAsync($"{result.Identifier}: {verb}{change}");
            }
            await output.WriteLineAsync($"{results.Count} tenant(s), {results.Sum(r => r.Changes.Count)} change(s)"
                + $"{(verb.Length > 0 ? " (dry run: nothing saved)" : "")} in {clock.ElapsedMilliseconds} ms");
            return 0;
        }));
        return command;
    }

    private static Command List(IConfiguration configuration)
    {
        var command = new Command("list", "List the tenants in the database with their hosts and current referential version.");
        command.SetAction(CommandRunner.Run(async (_, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            await using var platform = AssettDbContextOptions.Create(database.AppConnectionString);
            var tenants = await platform.Tenants.AsNoTracking().OrderBy(t => t.Identifier).ToListAsync(cancellationToken);
            var accessor = new MultiTenantContextAccessor();
            foreach (var tenant in tenants)
            {
                using var scope = accessor.Change(new TenantInfo(tenant.Id, tenant.Identifier, tenant.Name));
                await using var db = AssettDbContextOptions.Create(database.AppConnectionString);
                var version = await db.ReferentialVersions.Where(v => v.Id == tenant.Settings.CurrentReferentialVersionId)
                    .Select(v => v.Label).SingleOrDefaultAsync(cancellationToken);
                var organisations = await db.Organisations.CountAsync(cancellationToken);
                await output.WriteLineAsync($"{tenant.Identifier,-26} {tenant.DisplayName,-30} {tenant.TimeZone,-16} " +
                    $"{organisations,5} organisation(s)  {version ?? "(no referential)"}  {string.Join(" ", tenant.Hosts)}");
            }
            if (tenants.Count == 0) await output.WriteLineAsync("No tenant yet: run 'assett tenants apply'.");
            return 0;
        }));
        return command;
    }
}
