using System.Collections.Concurrent;
using Assett.Data.Referentials;
using Assett.Referentials.Packages;

namespace Assett.Web.Features.Questionnaire;

/// <summary>
/// Loaded referential packages, kept in memory: a version never changes once published, and loading
/// one takes tens of milliseconds. The key holds the tenant as well as the version.
/// </summary>
public sealed class ReferentialPackages
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Version), ReferentialPackage> _loaded = new();

    public ReferentialPackage Get(ReferentialVersion version) => _loaded.GetOrAdd((version.TenantId, version.Id), _ =>
    {
        var loaded = PackageLoader.Load(version.Package.Files.Select(f => new PackageFile(f.Path, f.Content)));
        return loaded.Succeeded
            ? loaded.Package!
            : throw new InvalidOperationException($"Referential version {version.Label} does not load: {string.Join("; ", loaded.Diagnostics.Errors)}");
    });
}
