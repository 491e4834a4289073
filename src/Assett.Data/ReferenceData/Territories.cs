using System.Text.Json;

namespace Assett.Data.ReferenceData;

/// <summary>A commune: its INSEE code (<c>86194</c>), name, population and SIREN (missing for a few recent mergers).</summary>
public sealed record Commune(string Code, string Name, int Population, string? Siren);

/// <summary>An intercommunality: its SIREN, official name (<c>CU du Grand Poitiers</c>), member communes and region code.</summary>
public sealed record Intercommunality(string Siren, string Name, IReadOnlyList<Commune> Communes, string Region)
{
    public string TimeZone => Regions.TimeZoneOf(Region);
}

/// <summary>
/// The intercommunalities and their communes, from Etalab's <c>@etalab/decoupage-administratif</c>
/// (<c>epci.json</c>, and <c>ept.json</c> for the territorial establishments of Greater Paris).
/// </summary>
public static class Territories
{
    private static readonly Lazy<Dictionary<string, (string Name, IReadOnlyList<Commune> Communes)>> BySiren = new(Load);

    // communes.json weighs 8 MB and only onboarding needs the regions: it is read apart, on first use.
    private static readonly Lazy<Dictionary<string, string>> RegionOfCommune = new(LoadRegions);

    /// <summary>The communes of the intercommunality with this SIREN, or an empty list when unknown.</summary>
    public static IReadOnlyList<Commune> CommunesOf(string siren) =>
        BySiren.Value.TryGetValue(siren, out var group) ? group.Communes : [];

    /// <summary>
    /// The intercommunality with this SIREN, or null when unknown. Its region is that of most of its communes:
    /// a few straddle two regions of metropolitan France, none an overseas one.
    /// </summary>
    public static Intercommunality? Find(string siren)
    {
        if (!BySiren.Value.TryGetValue(siren, out var group)) return null;
        var region = group.Communes.GroupBy(c => RegionOfCommune.Value[c.Code]).MaxBy(g => g.Count())!.Key;
        return new Intercommunality(siren, group.Name, group.Communes, region);
    }

    private static Dictionary<string, (string, IReadOnlyList<Commune>)> Load()
    {
        var result = new Dictionary<string, (string, IReadOnlyList<Commune>)>(StringComparer.Ordinal);
        foreach (var file in new[] { "epci.json", "ept.json" })
        {
            using var stream = File.OpenRead(ReferenceFiles.PathOf(file));
            foreach (var group in JsonSerializer.Deserialize<List<Group>>(stream, ReferenceFiles.Json) ?? [])
                result[group.Code] = (group.Nom, group.Membres.Select(m => new Commune(m.Code, m.Nom, m.PopulationTotale ?? 0, m.Siren)).ToList());
        }
        return result;
    }

    private static Dictionary<string, string> LoadRegions()
    {
        using var stream = File.OpenRead(ReferenceFiles.PathOf("communes.json"));
        // Delegated and associated communes repeat their parent's code: the current commune is the one that counts.
        return (JsonSerializer.Deserialize<List<CommuneEntry>>(stream, ReferenceFiles.Json) ?? [])
            .Where(c => c.Type == "commune-actuelle")
            .ToDictionary(c => c.Code, c => c.Region, StringComparer.Ordinal);
    }

    private sealed record Group(string Code, string Nom, List<Member> Membres);

    private sealed record Member(string Code, string Nom, int? PopulationTotale, string? Siren);

    private sealed record CommuneEntry(string Code, string Type, string Region);
}

internal static class ReferenceFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "reference-data", file);
}
