using Assett.Data.Organisations;

namespace Assett.Web.Features.Shared;

/// <summary>The French words for an organisation's kind and headcount band, in forms, tables and exports.</summary>
public static class OrganisationLabels
{
    public static readonly IReadOnlyList<(OrganisationKind Kind, string Label)> Kinds =
    [
        (OrganisationKind.Entreprise, "Entreprise"),
        (OrganisationKind.Association, "Association"),
        (OrganisationKind.EtablissementPublic, "Établissement public"),
    ];

    public static readonly IReadOnlyList<(HeadcountBand Band, string Label)> Headcounts =
    [
        (HeadcountBand.From0To9, "Moins de 10"),
        (HeadcountBand.From10To49, "De 10 à 49"),
        (HeadcountBand.From50To249, "De 50 à 249"),
        (HeadcountBand.From250, "250 ou plus"),
    ];

    public static string Of(OrganisationKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static string Of(HeadcountBand? band) => band is { } known ? Headcounts.First(h => h.Band == known).Label : "Non renseigné";
}
