using System.Text;
using System.Text.RegularExpressions;
using Assett.Data.ReferenceData;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assett.Data.Onboarding;

/// <summary>A refusal of <c>tenants new</c>: nothing was written.</summary>
public sealed class NewTenantException(string message) : Exception(message);

/// <summary>What <c>tenants new</c> wrote: the file as the reader shows it, the territory, and each blank left with its line.</summary>
public sealed record NewTenant(string File, Intercommunality Territory, IReadOnlyList<(int Line, string Field)> Blanks);

/// <summary>
/// Writes <c>&lt;slug&gt;/tenant.yaml</c> for an intercommunality of the official reference data: identity, SIREN, hosts,
/// time zone and the national referential filled in, its communes listed for review, and the officers and charter left
/// « À COMPLÉTER » (<see cref="TenantBlanks"/>). Refuses an unknown SIREN, a bad or taken slug and a SIREN another
/// territory has; never overwrites a file.
/// </summary>
public static partial class NewTenantWriter
{
    private const string Referential = "assett-entreprises";

    public static NewTenant Write(string root, string siren, string slug)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new NewTenantException($"the tenants-config folder '{root}' does not exist");
        if (!TenantsConfigReader.IsIdentifier(slug))
            throw new NewTenantException($"'{slug}' is not a valid identifier: use lower-case letters, digits and dashes (e.g. grand-poitiers)");
        var shownRoot = Path.GetFileName(root.TrimEnd('/'));
        var shown = Path.Combine(shownRoot, slug);
        var folder = Path.Combine(root, slug);
        if (Directory.Exists(folder) || File.Exists(folder) || slug is TenantsConfigReader.ReferentialsFolder or EvidenceMappingReader.Folder)
            throw new NewTenantException($"{shown} already exists: choose another slug (nothing was written)");
        var territory = Territories.Find(siren.Trim())
            ?? throw new NewTenantException($"no intercommunality has the SIREN '{siren}' in the official reference data "
                + "(@etalab/decoupage-administratif: epci.json, ept.json)");
        if (TerritoryWithSiren(root, territory.Siren) is { } other)
            throw new NewTenantException($"the SIREN {territory.Siren} ({territory.Name}) is already the territory '{other}' "
                + $"({Path.Combine(shownRoot, other, TenantsConfigReader.TenantFile)})");

        var (text, blanks) = Compose(territory, slug);
        Directory.CreateDirectory(folder);
        using (var file = new FileStream(Path.Combine(folder, TenantsConfigReader.TenantFile), FileMode.CreateNew))
            file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
        return new NewTenant(Path.Combine(shown, TenantsConfigReader.TenantFile), territory, blanks);
    }

    /// <summary>The slug of the territory whose tenant.yaml has this SIREN, whether or not the rest of it is valid yet.</summary>
    private static string? TerritoryWithSiren(string root, string siren)
    {
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, TenantsConfigReader.TenantFile);
            if (!File.Exists(path)) continue;
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(File.ReadAllText(path)));
            }
            catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
            {
                continue; // 'tenants validate' reports it
            }
            if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode mapping
                && mapping.Children.FirstOrDefault(p => (p.Key as YamlScalarNode)?.Value == "siren").Value is YamlScalarNode value
                && value.Value?.Trim() == siren)
                return Path.GetFileName(folder);
        }
        return null;
    }

    private static (string Text, List<(int Line, string Field)> Blanks) Compose(Intercommunality territory, string slug)
    {
        var lines = new List<string>();
        var blanks = new List<(int, string)>();
        void Add(string line) => lines.Add(line);
        void Blank(string field, string line)
        {
            lines.Add(line);
            blanks.Add((lines.Count, field));
        }

        Add("# yaml-language-server: $schema=../tenant.schema.json");
        Add("# Écrit par « assett tenants new » depuis le jeu de données officiel @etalab/decoupage-administratif.");
        Add($"# Cerema remplace chaque « {TenantBlanks.Placeholder} » avec le territoire : « assett tenants validate » liste ce qui reste");
        Add("# à remplir, et « assett tenants apply » refuse de mettre le territoire en service tant qu'il en reste.");
        Add($"identifier: {slug}");
        Add($"name: {Scalar(territory.Name)}");
        Add($"display_name: {Scalar(territory.Name)}  # le nom court affiché dans l'interface, à raccourcir au besoin");
        Add($"siren: \"{territory.Siren}\"  # du jeu de données officiel @etalab/decoupage-administratif (epci.json, ept.json)");
        Add($"hosts: [{slug}.assett.localhost]  # à l'installation, ajouter le nom d'hôte de production (et public_host)");
        Add($"time_zone: {territory.TimeZone}  # celui de la région de ses communes (code région {territory.Region})");
        Add($"# {TenantBlanks.Placeholder} : la charte d'engagement, écrite avec le territoire dans un fichier markdown de ce dossier");
        Add("# (par exemple charte.md) ; chaque organisation l'accepte pour rejoindre la démarche.");
        Add("charter:");
        Add("  version: 1");
        Blank("charter.file", $"  file: {TenantBlanks.Placeholder}");
        Add($"# {TenantBlanks.Placeholder} : les chargés de mission du territoire, chacun avec son nom et son adresse ; « assett tenants apply »");
        Add("# invite chacun par courriel à créer son accès. Répéter l'entrée (- name, email) pour en ajouter.");
        Add("officers:");
        Blank("officers[0].name", $"  - name: {TenantBlanks.Placeholder}");
        Blank("officers[0].email", $"    email: {TenantBlanks.Placeholder}");
        Add($"# {TenantBlanks.Placeholder} : ce que les pages légales du territoire disent de lui ; l'adresse d'accessibilité est facultative");
        Add("# (sans elle, celle du délégué à la protection des données).");
        Add("legal:");
        Blank("legal.publication_director", $"  publication_director: {TenantBlanks.Placeholder}");
        Blank("legal.dpo_email", $"  dpo_email: {TenantBlanks.Placeholder}");
        Add("  # accessibility_email: accessibilite@exemple.fr");
        Add("referential:");
        Add($"  base: {Referential}");
        Add("# campaigns: le calendrier des campagnes, si le territoire le fixe d'avance (sinon ses chargés de mission les créent");
        Add("# dans Assett), par exemple :");
        Add("#   - name: Campagne 2027");
        Add("#     opens: 2027-01-15");
        Add("#     closes: 2027-06-30");
        Add("schedules:");
        Add("  reminders: \"0 9 * * 1\"");
        Add("  cohort_report: \"0 8 1 * *\"");
        Add($"# Les {territory.Communes.Count} communes membres (code INSEE et nom), pour relecture : Assett les lit lui-même depuis le SIREN,");
        Add("# dans le même jeu de données.");
        foreach (var commune in territory.Communes.OrderBy(c => c.Code, StringComparer.Ordinal))
            Add($"#   {commune.Code} {commune.Name}");
        return (string.Join('\n', lines) + "\n", blanks);
    }

    /// <summary>A YAML scalar: plain when it reads back unchanged, else double-quoted (a few official names hold quotes).</summary>
    private static string Scalar(string value) =>
        PlainScalar().IsMatch(value) ? value : $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

    [GeneratedRegex(@"^[\p{L}\p{N}][^:#""\\]*(?<! )$")]
    private static partial Regex PlainScalar();
}
