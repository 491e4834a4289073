using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Data.Accounts;

public static class AccountServices
{
    /// <summary>
    /// The keys protecting cookies, antiforgery and account links, in one known folder shared by the
    /// web hosts and the CLI (a link made by <c>assett admins add</c> is checked by the web host).
    /// </summary>
    public static IServiceCollection AddAssettDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration["Assett:DataProtection:KeysDirectory"] ?? Path.Combine(RepositoryRoot.Find(), ".assett", "keys");
        services.AddDataProtection().SetApplicationName("Assett").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return services;
    }

    /// <summary>Identity without the web host: user store and account-link tokens (for the CLI).</summary>
    public static IServiceCollection AddAssettIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<AssettUser>(options => options.User.RequireUniqueEmail = true)
            .AddEntityFrameworkStores<AssettDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));
        return services;
    }
}
