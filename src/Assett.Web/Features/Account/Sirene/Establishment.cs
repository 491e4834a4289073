using Assett.Data.Organisations;

namespace Assett.Web.Features.Account.Sirene;

/// <summary>An establishment as the API Recherche d'entreprises describes it, in the organisation's terms.</summary>
public sealed record Establishment(
    string Siret, string Name, OrganisationKind Kind, string? NafCode, HeadcountBand? Headcount, string? CommuneInsee, string? CommuneName,
    DateOnly? ClosedOn, bool Closed, string? Rna);

/// <summary>What the directory said about a SIRET: found, unknown to it, or no answer (and why, in French).</summary>
public sealed record DirectoryAnswer(Establishment? Establishment, string? Unavailable)
{
    public static DirectoryAnswer Found(Establishment establishment) => new(establishment, null);

    public static readonly DirectoryAnswer Unknown = new(null, null);

    public static DirectoryAnswer NoAnswer(string reason) => new(null, reason);

    /// <summary>The directory answered: <see cref="Establishment"/> is then the establishment, or null when the SIRET is unknown to it.</summary>
    public bool Answered => Unavailable is null;
}
