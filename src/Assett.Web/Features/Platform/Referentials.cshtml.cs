using Assett.Data;
using Assett.Data.Referentials;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Platform;

/// <summary>
/// The referential versions of every territory, the campaigns that use each, and what changed between
/// two of them (<c>?de=</c> and <c>?a=</c>, each « territory:version »): nodes added, removed, points changed.
/// </summary>
[Authorize(Policy = Access.PlatformAdministrator)]
public sealed class ReferentialsModel(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db) : PageModel
{
    public sealed record Version(TenantInfo Territory, Guid Id, string Label, string BasePackage, DateTimeOffset PublishedAt, int Nodes, int LocalNodes,
        IReadOnlyList<string> Campaigns)
    {
        public string Key => $"{Territory.Identifier}:{Id}";
    }

    [BindProperty(SupportsGet = true, Name = "de")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "a")]
    public string? To { get; set; }

    public IReadOnlyList<Version> Versions { get; private set; } = [];
    public (Version From, Version To, ReferentialDiff Diff)? Comparison { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var versions = new List<Version>();
        var nodes = new Dictionary<string, List<StoredNode>>();
        foreach (var territory in await store.ListAsync(cancellationToken))
        {
            using var scope = accessor.Change(territory);
            var campaigns = (await db.Campaigns.AsNoTracking().OrderBy(c => c.OpensOn).Select(c => new { c.ReferentialVersionId, c.Name })
                .ToListAsync(cancellationToken)).ToLookup(c => c.ReferentialVersionId, c => c.Name);
            foreach (var version in await db.ReferentialVersions.AsNoTracking().OrderByDescending(v => v.PublishedAt).ToListAsync(cancellationToken))
            {
                var row = new Version(territory, version.Id, version.Label, version.BasePackage, version.PublishedAt, version.Package.Nodes.Count,
                    version.Package.Nodes.Count(n => n.Local), [.. campaigns[version.Id]]);
                versions.Add(row);
                if (row.Key == From || row.Key == To) nodes[row.Key] = version.Package.Nodes;
            }
        }
        Versions = versions;
        if (versions.FirstOrDefault(v => v.Key == From) is { } from && versions.FirstOrDefault(v => v.Key == To) is { } to)
            Comparison = (from, to, ReferentialDiff.Between(nodes[from.Key], nodes[to.Key]));
    }
}
