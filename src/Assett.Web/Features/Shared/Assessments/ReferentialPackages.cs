using System.Collections.Concurrent;
using Assett.Data;
using Assett.Data.Assessments;
using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>A referential version as stored, its loaded package and its evaluator (built once: it flattens the whole tree).</summary>
public sealed record LoadedVersion(ReferentialVersion Version, ReferentialPackage Package)
{
    public ReferentialEvaluator Evaluator { get; } = new(Package, Version.Package.DisabledNodes);

    /// <summary>The nodes whose totals a snapshot keeps.</summary>
    public StoredNodes StoredNodes { get; } = new(Package, Version.Package);

    public ScoreTotals Totals(EvaluationResult result) => StoredNodes.Totals(result);
}

/// <summary>
/// Referential versions, loaded once and kept in memory: a version never changes once published, its
/// row holds every file of the package, and loading one takes tens of milliseconds. The key holds the
/// tenant as well as the version.
/// </summary>
public sealed class ReferentialPackages
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Version), LoadedVersion> _loaded = new();

    /// <summary>The version of the context's tenant (its query filter applies on a miss).</summary>
    public async Task<LoadedVersion> GetAsync(AssettDbContext db, Guid versionId, CancellationToken cancellationToken)
    {
        var key = (db.CurrentTenantId ?? throw new InvalidOperationException("No current tenant."), versionId);
        if (_loaded.TryGetValue(key, out var loaded)) return loaded;
        var version = await db.ReferentialVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
        return _loaded.GetOrAdd(key, _ => new LoadedVersion(version, Load(version)));
    }

    private static ReferentialPackage Load(ReferentialVersion version)
    {
        var loaded = PackageLoader.Load(version.Package.Files.Select(f => new PackageFile(f.Path, f.Content)));
        return loaded.Succeeded
            ? loaded.Package!
            : throw new InvalidOperationException($"Referential version {version.Label} does not load: {string.Join("; ", loaded.Diagnostics.Errors)}");
    }
}
