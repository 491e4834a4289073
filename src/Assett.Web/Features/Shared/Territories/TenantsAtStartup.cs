using Assett.Data;
using Assett.Data.Mail;
using Assett.Data.Onboarding;

namespace Assett.Web.Features.Shared.Territories;

/// <summary>In development, the web host applies <c>tenants-config/</c> when it starts.</summary>
public static class TenantsAtStartup
{
    public static async Task ApplyAsync(AssettDatabase database, IConfiguration configuration, ILogger logger)
    {
        var folder = configuration["Assett:TenantsConfig"] ?? Path.Combine(RepositoryRoot.Find(), "tenants-config");
        if (!Directory.Exists(folder)) return;
        var (tenants, diagnostics) = TenantsConfigReader.Read(folder);
        foreach (var warning in diagnostics.Warnings) logger.LogWarning("{Diagnostic}", warning);
        if (diagnostics.HasErrors)
        {
            foreach (var error in diagnostics.Errors) logger.LogError("{Diagnostic}", error);
            logger.LogError("{Folder} has errors: nothing applied (run 'assett tenants validate')", folder);
            return;
        }
        var results = await new TenantsConfigApplier(database.AppConnectionString, TimeProvider.System, PublicAddress.Read(configuration))
            .ApplyAsync(tenants, dryRun: false, actor: "web host (development)");
        foreach (var result in results)
            foreach (var change in result.Changes)
                logger.LogInformation("{Tenant}: {Change}", result.Identifier, change);
        logger.LogInformation("tenants-config applied: {Count} tenant(s)", results.Count);
    }
}
