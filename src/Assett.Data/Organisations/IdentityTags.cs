namespace Assett.Data.Organisations;

/// <summary>
/// The engine's <c>identite()</c> vocabulary for an organisation: <c>type</c>, <c>effectif</c> (every
/// tag that applies among moins_de_10/50/250 and plus_de_10/50/250), <c>secteur</c> (NAF section)
/// and <c>localisation</c> (metropole or DOM).
/// </summary>
public static class IdentityTags
{
    /// <summary>Overseas territories (Mayotte, La Réunion...) have an Indian/ or America/ time zone.</summary>
    public static string LocalisationOf(string timeZone) => timeZone.StartsWith("Europe/", StringComparison.Ordinal) ? "metropole" : "DOM";

    public static Dictionary<string, List<string>> Of(Organisation organisation, string localisation)
    {
        var tags = new Dictionary<string, List<string>>
        {
            ["type"] = [organisation.Kind switch
            {
                OrganisationKind.Association => "association",
                OrganisationKind.EtablissementPublic => "etablissement_public",
                _ => "entreprise",
            }],
            ["localisation"] = [localisation],
        };
        if (organisation.Headcount is { } band) tags["effectif"] = Headcount(band);
        if (organisation.NafSection is { Length: > 0 } section) tags["secteur"] = [section];
        return tags;
    }

    private static List<string> Headcount(HeadcountBand band)
    {
        var (low, high) = band switch
        {
            HeadcountBand.From0To9 => (0, 9),
            HeadcountBand.From10To49 => (10, 49),
            HeadcountBand.From50To249 => (50, 249),
            _ => (250, int.MaxValue),
        };
        var tags = new List<string>();
        foreach (var threshold in new[] { 10, 50, 250 })
        {
            if (high < threshold) tags.Add($"moins_de_{threshold}");
            if (low >= threshold) tags.Add($"plus_de_{threshold}");
        }
        return tags;
    }
}
