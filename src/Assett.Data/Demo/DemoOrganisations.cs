using Assett.Data.Organisations;
using Assett.Data.ReferenceData;

namespace Assett.Data.Demo;

/// <summary>A generated organisation and its profile answers, with the maturity that drives its statuses.</summary>
internal sealed record DemoOrganisation(Organisation Organisation, double Maturity, IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// Plausible organisations of a territory: valid SIRETs, real NAF codes and communes (weighted by
/// population), headcount bands, and a maturity that depends on the sector.
/// </summary>
internal sealed class DemoOrganisations(Random random, IReadOnlyList<Commune> communes, IEnumerable<string> takenSirets)
{
    private sealed record Activity(string Naf, string Prefix, OrganisationKind Kind, int Weight);

    private static readonly Activity[] Activities =
    [
        new("10.71C", "Boulangerie", OrganisationKind.Entreprise, 6), new("25.62B", "Mécanique", OrganisationKind.Entreprise, 4),
        new("10.13B", "Charcuterie", OrganisationKind.Entreprise, 2), new("16.23Z", "Menuiserie", OrganisationKind.Entreprise, 3),
        new("43.21A", "Électricité", OrganisationKind.Entreprise, 6), new("43.22A", "Plomberie", OrganisationKind.Entreprise, 5),
        new("41.20A", "Construction", OrganisationKind.Entreprise, 3), new("45.20A", "Garage", OrganisationKind.Entreprise, 4),
        new("47.11D", "Supermarché", OrganisationKind.Entreprise, 2), new("47.76Z", "Fleurs", OrganisationKind.Entreprise, 2),
        new("47.73Z", "Pharmacie", OrganisationKind.Entreprise, 3), new("49.41A", "Transports", OrganisationKind.Entreprise, 3),
        new("55.10Z", "Hôtel", OrganisationKind.Entreprise, 2), new("56.10A", "Restaurant", OrganisationKind.Entreprise, 6),
        new("62.01Z", "Logiciels", OrganisationKind.Entreprise, 4), new("69.20Z", "Cabinet comptable", OrganisationKind.Entreprise, 3),
        new("71.12B", "Bureau d'études", OrganisationKind.Entreprise, 3), new("96.02A", "Coiffure", OrganisationKind.Entreprise, 4),
        new("96.01B", "Pressing", OrganisationKind.Entreprise, 1), new("01.13Z", "Maraîchage", OrganisationKind.Entreprise, 2),
        new("86.23Z", "Cabinet dentaire", OrganisationKind.Entreprise, 2), new("38.11Z", "Collecte", OrganisationKind.Entreprise, 1),
        new("94.99Z", "Association", OrganisationKind.Association, 6), new("93.12Z", "Club sportif", OrganisationKind.Association, 3),
        new("88.10A", "Aide à domicile", OrganisationKind.Association, 2), new("90.01Z", "Compagnie", OrganisationKind.Association, 1),
        new("84.11Z", "Services de la commune de", OrganisationKind.EtablissementPublic, 2),
        new("85.31Z", "Lycée", OrganisationKind.EtablissementPublic, 1), new("86.10Z", "Centre hospitalier", OrganisationKind.EtablissementPublic, 1),
    ];

    private static readonly string[] Surnames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
        "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    ];

    /// <summary>Mean maturity (share of tasks done) by NAF section: some sectors are further along.</summary>
    private static readonly Dictionary<string, double> SectorMaturity = new()
    {
        ["A"] = 0.30, ["C"] = 0.35, ["E"] = 0.50, ["F"] = 0.25, ["G"] = 0.30, ["H"] = 0.30, ["I"] = 0.28, ["J"] = 0.45,
        ["M"] = 0.45, ["O"] = 0.45, ["P"] = 0.40, ["Q"] = 0.38, ["R"] = 0.30, ["S"] = 0.32,
    };

    private readonly int _totalWeight = Activities.Sum(a => a.Weight);
    private readonly long _totalPopulation = communes.Sum(c => (long)Math.Max(1, c.Population));
    // A second seeding adds organisations beside the first ones' (the same seed would draw the same SIRETs).
    private readonly HashSet<string> _sirets = [.. takenSirets];

    public DemoOrganisation Next()
    {
        var activity = Pick();
        var commune = PickCommune();
        var section = NafCodes.SectionOf(activity.Naf)!;
        var name = activity.Kind switch
        {
            OrganisationKind.EtablissementPublic when activity.Prefix.EndsWith(" de", StringComparison.Ordinal)
                => $"{activity.Prefix} {commune?.Name ?? "la ville"}",
            OrganisationKind.EtablissementPublic => $"{activity.Prefix} {Surnames[random.Next(Surnames.Length)]}",
            OrganisationKind.Association => $"{activity.Prefix} {(commune is null ? Surnames[random.Next(Surnames.Length)] : $"de {commune.Name}")}",
            _ => $"{activity.Prefix} {Surnames[random.Next(Surnames.Length)]}",
        };
        var organisation = new Organisation
        {
            Id = DemoIds.Next(),
            Siret = NewSiret(),
            Name = name,
            Kind = activity.Kind,
            NafCode = activity.Naf,
            NafSection = section,
            Headcount = Headcount(activity.Kind),
            CommuneInsee = commune?.Code,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var maturity = Math.Clamp(SectorMaturity.GetValueOrDefault(section, 0.33) + Gaussian() * 0.15, 0.02, 0.9);
        return new DemoOrganisation(organisation, maturity, Answers(section));
    }

    private Activity Pick()
    {
        var target = random.Next(_totalWeight);
        foreach (var activity in Activities)
            if ((target -= activity.Weight) < 0) return activity;
        return Activities[^1];
    }

    private Commune? PickCommune()
    {
        if (communes.Count == 0) return null;
        var target = (long)(random.NextDouble() * _totalPopulation);
        foreach (var commune in communes)
            if ((target -= Math.Max(1, commune.Population)) < 0) return commune;
        return communes[^1];
    }

    private HeadcountBand Headcount(OrganisationKind kind)
    {
        var r = random.NextDouble();
        if (kind == OrganisationKind.EtablissementPublic)
            return r < 0.2 ? HeadcountBand.From10To49 : r < 0.7 ? HeadcountBand.From50To249 : HeadcountBand.From250;
        return r < 0.6 ? HeadcountBand.From0To9 : r < 0.88 ? HeadcountBand.From10To49 : r < 0.97 ? HeadcountBand.From50To249 : HeadcountBand.From250;
    }

    /// <summary>The personalisation answers of the national referential, likelier in the sectors they fit.</summary>
    private Dictionary<string, string> Answers(string section)
    {
        bool Chance(double p) => random.NextDouble() < p;
        string YesNo(bool yes) => yes ? "OUI" : "NON";
        var industry = section is "B" or "C" or "D" or "E";
        var premises = random.NextDouble();
        return new Dictionary<string, string>
        {
            ["locaux"] = premises < 0.4 ? "locaux_proprietaire" : premises < 0.95 ? "locaux_locataire" : "locaux_aucun",
            ["flotte"] = YesNo(Chance(section is "F" or "H" or "E" or "G" ? 0.85 : 0.4)),
            ["restauration"] = YesNo(Chance(section is "I" or "P" or "Q" or "O" ? 0.8 : 0.1)),
            ["process_industriels"] = YesNo(Chance(industry ? 0.8 : 0.03)),
            ["eau_importante"] = YesNo(Chance(section is "A" or "C" or "I" or "Q" or "S" ? 0.6 : 0.1)),
            ["espaces_exterieurs"] = YesNo(Chance(0.6)),
        };
    }

    private string NewSiret()
    {
        while (true)
        {
            var siren = WithLuhnDigit(random.Next(10_000_000, 99_999_999).ToString());
            var siret = WithLuhnDigit(siren + random.Next(1, 9999).ToString("D4"));
            if (_sirets.Add(siret)) return siret;
        }
    }

    /// <summary>Appends the digit that makes the whole number pass the Luhn check.</summary>
    private static string WithLuhnDigit(string digits)
    {
        for (var check = 0; check <= 9; check++)
        {
            var candidate = digits + check;
            if (candidate.Length == 9 ? FrenchIdentifiers.IsValidSiren(candidate) : FrenchIdentifiers.IsValidSiret(candidate)) return candidate;
        }
        throw new InvalidOperationException("unreachable: one check digit always fits");
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
