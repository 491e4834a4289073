using System.Globalization;
using System.Text.Json;
using Assett.Data.Organisations;

namespace Assett.Web.Features.Account.Sirene;

/// <summary>
/// The search answer of the API Recherche d'entreprises (<c>GET /search?q={siret}</c>, its OpenAPI document's
/// <c>payload</c>), read into an <see cref="Establishment"/>: the result whose siège or <c>matching_etablissements</c>
/// holds the SIRET.
/// </summary>
public static class SireneResults
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The establishment of this SIRET in the answer, or null when no result holds it.</summary>
    /// <exception cref="JsonException">The answer is malformed.</exception>
    public static Establishment? Read(string json, string siret)
    {
        var payload = JsonSerializer.Deserialize<Payload>(json, Json) ?? throw new JsonException("empty answer");
        foreach (var result in payload.Results ?? [])
        {
            var unit = (result.MatchingEtablissements ?? []).Append(result.Siege).FirstOrDefault(e => e?.Siret == siret);
            if (unit is not null) return ToEstablishment(result, unit);
        }
        return null;
    }

    private static Establishment ToEstablishment(Result result, Unit unit)
    {
        var closedOn = DateOnly.TryParse(unit.DateFermeture, CultureInfo.InvariantCulture, out var date) ? date : (DateOnly?)null;
        // « F » (fermé) for an establishment, « C » (cessée) for its company: either closes it.
        var closed = unit.EtatAdministratif == "F" || result.EtatAdministratif == "C";
        return new Establishment(unit.Siret!, (result.NomComplet ?? result.NomRaisonSociale ?? "").Trim(), KindOf(result), unit.ActivitePrincipale,
            HeadcountOf(unit.TrancheEffectifSalarie), unit.Commune, unit.LibelleCommune, closedOn, closed, result.Complements?.IdentifiantAssociation);
    }

    /// <summary>From the INSEE legal category: 92xx associations; 4xxx and 7xxx public bodies; anything else a company.</summary>
    private static OrganisationKind KindOf(Result result) => result.NatureJuridique switch
    {
        _ when result.Complements?.EstAssociation == true => OrganisationKind.Association,
        ['9', '2', ..] => OrganisationKind.Association,
        ['4', ..] or ['7', ..] => OrganisationKind.EtablissementPublic,
        _ => OrganisationKind.Entreprise,
    };

    /// <summary>INSEE's headcount bands (<c>NN</c>, <c>00</c>…<c>53</c>) folded into the engine's four.</summary>
    private static HeadcountBand? HeadcountOf(string? band) => band switch
    {
        "NN" or "00" or "01" or "02" or "03" => HeadcountBand.From0To9,
        "11" or "12" => HeadcountBand.From10To49,
        "21" or "22" or "31" => HeadcountBand.From50To249,
        ['3' or '4' or '5', _] => HeadcountBand.From250,
        _ => null,
    };

    private sealed record Payload(List<Result>? Results);

    private sealed record Result(string? NomComplet, string? NomRaisonSociale, string? NatureJuridique, string? EtatAdministratif, Unit? Siege,
        List<Unit>? MatchingEtablissements, Complements? Complements);

    private sealed record Unit(string? Siret, string? ActivitePrincipale, string? TrancheEffectifSalarie, string? Commune, string? LibelleCommune,
        string? EtatAdministratif, string? DateFermeture);

    private sealed record Complements(bool? EstAssociation, string? IdentifiantAssociation);
}
