namespace Assett.Web.Features.Account.Sirene;

public static class DirectorySetup
{
    /// <summary>The directory at <c>Assett:Sirene:BaseAddress</c> (<c>https://recherche-entreprises.api.gouv.fr</c>), off without it.</summary>
    public static IServiceCollection AddCompanyDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        var address = configuration[$"{CompanyDirectory.Section}:BaseAddress"];
        if (!string.IsNullOrWhiteSpace(address) && !Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out _))
            throw new InvalidOperationException($"{CompanyDirectory.Section}:BaseAddress « {address} » n’est pas une adresse absolue (https://…).");
        services.AddSingleton<DirectoryLimit>();
        services.AddHttpClient<CompanyDirectory>(client =>
        {
            if (!string.IsNullOrWhiteSpace(address)) client.BaseAddress = new Uri(address.TrimEnd('/') + "/");
            client.Timeout = CompanyDirectory.Timeout * 2; // the directory's own deadline (3 s) comes first, with its French reason
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Assett/1.0 (Cerema, registration of an organisation)");
        });
        return services;
    }
}
