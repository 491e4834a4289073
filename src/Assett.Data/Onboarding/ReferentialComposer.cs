using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assett.Data.Referentials;
using Assett.Referentials.Packages;
using YamlDotNet.RepresentationModel;

namespace Assett.Data.Onboarding;

/// <summary>
/// Builds a tenant's referential from <c>referential:</c> in its <c>tenant.yaml</c>: the national
/// package of <c>referentiels/&lt;base&gt;/</c>, the local nodes of its overlay folder (their
/// identifiant marks the local part with <c>L</c>, e.g. <c>2.L1</c>, so they never collide with a
/// national node), the nodes it disables, and local resources and partners per measure.
/// </summary>
internal sealed class ReferentialComposer(string root, string shownRoot, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, (List<PackageFile> Files, PackageLoadResult Loaded)> _bases = [];

    public ComposedReferential? Compose(YamlFields tenant, string tenantFolder)
    {
        var referential = tenant.Mapping("referential", "base", "overlay", "disabled", "resources", "partners");
        if (referential is null)
        {
            diagnostics.Error(ShownTenantFile(tenantFolder), tenant.Line,
                "referential: missing (required): name its base package, e.g. 'base: assett-entreprises'");
            return null;
        }
        if (referential.Text("base", required: true) is not { } baseName || LoadBase(referential, baseName) is not var (baseFiles, baseLoaded))
            return null;

        var files = new List<PackageFile>(baseFiles);
        var overlayFiles = new HashSet<string>(StringComparer.Ordinal);
        if (referential.Text("overlay") is { } overlay)
        {
            var folder = Path.GetFullPath(Path.Combine(tenantFolder, overlay));
            if (!Directory.Exists(folder) || !folder.StartsWith(tenantFolder, StringComparison.Ordinal))
            {
                referential.Error(referential.Node("overlay")!, referential.Field("overlay"), $"overlay folder '{overlay}' not found in the tenant's folder");
                return null;
            }
            foreach (var file in ReadPackageFiles(folder))
            {
                files.Add(file);
                overlayFiles.Add(file.Path);
            }
        }

        // Without an overlay the territory's package is the national one, already parsed.
        var loaded = overlayFiles.Count == 0 ? baseLoaded : PackageLoader.Load(files.Select(f => f with { Path = Path.Combine(shownRoot, f.Path) }));
        foreach (var diagnostic in loaded.Diagnostics.Items.Where(d => overlayFiles.Contains(Path.GetRelativePath(shownRoot, d.File))))
            (diagnostic.Severity == Severity.Error ? (Action<string, int, string>)diagnostics.Error : diagnostics.Warning)(
                diagnostic.File, diagnostic.Line, diagnostic.Message);
        if (!loaded.Succeeded)
        {
            if (!loaded.Diagnostics.Errors.Any(d => overlayFiles.Contains(Path.GetRelativePath(shownRoot, d.File))))
                diagnostics.Error(ShownTenantFile(tenantFolder), referential.Line,
                    "referential: the referential with this overlay has errors:\n" + string.Join("\n", loaded.Diagnostics.Errors));
            return null;
        }
        var package = loaded.Package!;
        foreach (var node in package.Nodes.Where(n => overlayFiles.Contains(Path.GetRelativePath(shownRoot, n.File)) && !IsLocal(n)))
            diagnostics.Error(node.File, node.Line,
                $"local node '{node.Id}' must mark its local part with L (e.g. {node.Parent?.Identifiant ?? "1"}.L1)"
                + " so it never collides with a national node");

        var stored = new StoredPackage
        {
            Files = files.Select(f => new StoredFile(f.Path, f.Content)).ToList(),
            DisabledNodes = NodeIds(referential, "disabled", package),
            Resources = LocalResources(referential, "resources", package),
            Partners = LocalResources(referential, "partners", package),
            Nodes = package.Nodes.Select(n => new StoredNode(n.Id, n.Parent?.Id, n.Title, n.LevelName, n.Points, n.Category, IsLocal(n))).ToList(),
        };
        return new ComposedReferential(baseName, package.ReferentialId, Hash(baseName, stored), stored);
    }

    private string ShownTenantFile(string tenantFolder) =>
        Path.Combine(shownRoot, Path.GetRelativePath(root, tenantFolder), TenantsConfigReader.TenantFile);

    private static bool IsLocal(ReferentialNode node) => node.Identifiant.Split('.').Any(s => s.StartsWith('L'));

    /// <summary>The files of a national package (loaded and checked once, whatever the number of tenants using it).</summary>
    private (List<PackageFile> Files, PackageLoadResult Loaded)? LoadBase(YamlFields referential, string baseName)
    {
        if (!_bases.TryGetValue(baseName, out var loaded))
        {
            var folder = Path.Combine(root, TenantsConfigReader.ReferentialsFolder, baseName);
            if (!Directory.Exists(folder))
            {
                var available = Directory.Exists(Path.GetDirectoryName(folder))
                    ? string.Join(", ", Directory.GetDirectories(Path.GetDirectoryName(folder)!).Select(Path.GetFileName))
                    : "";
                referential.Error(referential.Node("base")!, referential.Field("base"),
                    $"referential '{baseName}' not found in {shownRoot}/{TenantsConfigReader.ReferentialsFolder}/"
                    + $" (available: {(available.Length == 0 ? "none" : available)})");
                return null;
            }
            var files = ReadPackageFiles(folder);
            var result = PackageLoader.Load(files.Select(f => f with { Path = Path.Combine(shownRoot, f.Path) }));
            foreach (var diagnostic in result.Diagnostics.Items)
                (diagnostic.Severity == Severity.Error ? (Action<string, int, string>)diagnostics.Error : diagnostics.Warning)(
                    diagnostic.File, diagnostic.Line, diagnostic.Message);
            _bases[baseName] = loaded = (files, result);
        }
        if (!loaded.Loaded.Succeeded)
        {
            referential.Error(referential.Node("base")!, referential.Field("base"), $"referential '{baseName}' has errors (listed above)");
            return null;
        }
        return loaded;
    }

    /// <summary>Every markdown file below a folder, its path relative to the tenants-config root.</summary>
    private List<PackageFile> ReadPackageFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => new PackageFile(Path.GetRelativePath(root, path), File.ReadAllText(path)))
            .ToList();

    private static List<string> NodeIds(YamlFields referential, string key, ReferentialPackage package)
    {
        var ids = new List<string>();
        foreach (var (id, node) in referential.TextList(key))
        {
            if (package.NodesById.ContainsKey(id)) ids.Add(id);
            else referential.Error(node, referential.Field(key), $"'{id}' is not a node of the referential '{package.ReferentialId}'");
        }
        return ids;
    }

    private static Dictionary<string, List<LocalResource>> LocalResources(YamlFields referential, string key, ReferentialPackage package)
    {
        var result = new Dictionary<string, List<LocalResource>>(StringComparer.Ordinal);
        if (referential.Mapping(key) is not { } byNode) return result;
        foreach (var (nodeId, keyNode, value) in byNode.Entries())
        {
            var field = byNode.Field(nodeId);
            if (!package.NodesById.ContainsKey(nodeId))
            {
                byNode.Error(keyNode, field, $"'{nodeId}' is not a node of the referential '{package.ReferentialId}'");
                continue;
            }
            if (value is not YamlSequenceNode items)
            {
                byNode.Error(value, field, "must be a list of entries with name, description, url or contact");
                continue;
            }
            var resources = new List<LocalResource>();
            for (var i = 0; i < items.Children.Count; i++)
            {
                if (items.Children[i] is not YamlMappingNode item)
                {
                    byNode.Error(items.Children[i], $"{field}[{i}]", "must be a set of 'key: value' lines");
                    continue;
                }
                var entry = byNode.Item(item, nodeId, i, "name", "description", "url", "contact");
                if (entry.Text("name", required: true) is not { } name) continue;
                var url = entry.Text("url");
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                    entry.Error(entry.Node("url")!, entry.Field("url"), $"'{url}' must be an https:// address");
                resources.Add(new LocalResource(name, entry.Text("description"), url, entry.Text("contact")));
            }
            result[nodeId] = resources;
        }
        return result;
    }

    private static string Hash(string baseName, StoredPackage package)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            baseName,
            files = package.Files.OrderBy(f => f.Path, StringComparer.Ordinal),
            disabled = package.DisabledNodes.Order(StringComparer.Ordinal),
            resources = package.Resources.OrderBy(r => r.Key, StringComparer.Ordinal),
            partners = package.Partners.OrderBy(p => p.Key, StringComparer.Ordinal),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
