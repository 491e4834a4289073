using System.Text.Json;

namespace Assett.Data.ReferenceData;

/// <summary>A commune: its INSEE code (<c>86194</c>) and name.</summary>
public sealed record Commune(string Code, string Name, int Population);

/// <summary>
/// The communes of an intercommunality, from Etalab's <c>@etalab/decoupage-administratif</c>
/// (<c>epci.json</c>, and <c>ept.json</c> for the territorial establishments of Greater Paris).
/// </summary>
public static class Territories
{
    private static readonly Lazy<Dictionary<string, IReadOnlyList<Commune>>> BySiren = new(Load);

    /// <summary>The communes of the intercommunality with this SIREN, or an empty list when unknown.</summary>
    public static IReadOnlyList<Commune> CommunesOf(string siren) =>
        BySiren.Value.TryGetValue(siren, out var communes) ? communes : [];

    private static Dictionary<string, IReadOnlyList<Commune>> Load()
    {
        var result = new Dictionary<string, IReadOnlyList<Commune>>(StringComparer.Ordinal);
        foreach (var file in new[] { "epci.json", "ept.json" })
        {
            using var stream = File.OpenRead(ReferenceFiles.PathOf(file));
            foreach (var group in JsonSerializer.Deserialize<List<Group>>(stream, ReferenceFiles.Json) ?? [])
                result[group.Code] = group.Membres.Select(m => new Commune(m.Code, m.Nom, m.PopulationTotale ?? 0)).ToList();
        }
        return result;
    }

    private sealed record Group(string Code, List<Member> Membres);

    private sealed record Member(string Code, string Nom, int? PopulationTotale);
}

internal static class ReferenceFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "reference-data", file);
}
