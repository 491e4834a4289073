using System.Text.Json;

namespace Assett.Data.ReferenceData;

/// <summary>A sub-class of the French activity nomenclature (NAF rév. 2), e.g. <c>10.71C</c>.</summary>
public sealed record NafCode(string Code, string Label)
{
    /// <summary>The section letter (<c>C</c> for 10–33...), the engine's <c>secteur</c> identity tag.</summary>
    public string Section => NafCodes.SectionOf(Code) ?? "";
}

/// <summary>NAF codes from SocialGouv's <c>@socialgouv/codes-naf</c>, and the official division → section table.</summary>
public static class NafCodes
{
    private static readonly Lazy<IReadOnlyDictionary<string, NafCode>> ByCode = new(Load);

    // NAF rév. 2: the first division of each section, in order.
    private static readonly (int FirstDivision, char Section)[] Sections =
    [
        (1, 'A'), (5, 'B'), (10, 'C'), (35, 'D'), (36, 'E'), (41, 'F'), (45, 'G'), (49, 'H'), (55, 'I'), (58, 'J'),
        (64, 'K'), (68, 'L'), (69, 'M'), (77, 'N'), (84, 'O'), (85, 'P'), (86, 'Q'), (90, 'R'), (94, 'S'), (97, 'T'), (99, 'U'),
    ];

    // NAF rév. 2: the sections' names (INSEE), shortened where the official one runs long.
    private static readonly Dictionary<string, string> SectionNames = new()
    {
        ["A"] = "Agriculture, sylviculture et pêche", ["B"] = "Industries extractives", ["C"] = "Industrie manufacturière",
        ["D"] = "Production et distribution d’énergie", ["E"] = "Eau, assainissement, gestion des déchets et dépollution", ["F"] = "Construction",
        ["G"] = "Commerce, réparation d’automobiles", ["H"] = "Transports et entreposage", ["I"] = "Hébergement et restauration",
        ["J"] = "Information et communication", ["K"] = "Activités financières et d’assurance", ["L"] = "Activités immobilières",
        ["M"] = "Activités spécialisées, scientifiques et techniques", ["N"] = "Services administratifs et de soutien",
        ["O"] = "Administration publique", ["P"] = "Enseignement", ["Q"] = "Santé humaine et action sociale",
        ["R"] = "Arts, spectacles et activités récréatives", ["S"] = "Autres activités de services", ["T"] = "Activités des ménages employeurs",
        ["U"] = "Activités extra-territoriales",
    };

    /// <summary>A section in words (« Industrie manufacturière » for <c>C</c>); the letter itself when unknown.</summary>
    public static string SectionName(string section) => SectionNames.GetValueOrDefault(section) ?? section;

    /// <summary>Every sub-class (five characters, like <c>62.01Z</c>).</summary>
    public static IReadOnlyDictionary<string, NafCode> All => ByCode.Value;

    public static NafCode? Find(string code) => ByCode.Value.GetValueOrDefault(code.Trim().ToUpperInvariant());

    /// <summary>The section letter of a code, from its two-digit division; null when it has none.</summary>
    public static string? SectionOf(string code)
    {
        if (code.Length < 2 || !int.TryParse(code[..2], out var division) || division < 1) return null;
        return Sections.Last(s => s.FirstDivision <= division).Section.ToString();
    }

    private static IReadOnlyDictionary<string, NafCode> Load()
    {
        using var stream = File.OpenRead(ReferenceFiles.PathOf("naf.json"));
        return (JsonSerializer.Deserialize<List<Entry>>(stream, ReferenceFiles.Json) ?? [])
            .Where(e => e.Id.Length == 6) // "62.01Z": the sub-classes
            .ToDictionary(e => e.Id, e => new NafCode(e.Id, e.Label), StringComparer.Ordinal);
    }

    private sealed record Entry(string Id, string Label);
}
