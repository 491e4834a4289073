using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Organisations;

/// <summary>A company, association or public body of a territory's cohort.</summary>
public sealed class Organisation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    /// <summary>14 digits (checked with <see cref="FrenchIdentifiers.IsValidSiret"/>); null for an association registered by RNA.</summary>
    public string? Siret { get; set; }

    public string? Rna { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }

    /// <summary>NAF code (<c>62.01Z</c>) and its section letter (<c>J</c>).</summary>
    public string? NafCode { get; set; }

    public string? NafSection { get; set; }
    public HeadcountBand? Headcount { get; set; }

    /// <summary>INSEE code of the commune (5 characters: <c>86194</c>, <c>2A004</c>).</summary>
    public string? CommuneInsee { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Registered from a commune outside the territory: its members wait for an officer's approval
    /// before they can act for it (docs/decisions.md).
    /// </summary>
    public bool AwaitingApproval { get; set; }

    /// <summary>Whether the territory's officers may read the comments of its answers (off by default: docs/decisions.md).</summary>
    public bool SharesComments { get; set; }

    /// <summary>Listed among the territory's public « acteurs engagés » (off by default: docs/decisions.md, « Public means opted in »).</summary>
    public bool ListedPublicly { get; set; }

    /// <summary>While listed, its last submitted maturity level shows beside its name.</summary>
    public bool ShowsLevelPublicly { get; set; }
}

/// <summary>The identity tag <c>type</c> of the engine: <c>entreprise</c>, <c>association</c>, <c>etablissement_public</c>.</summary>
public enum OrganisationKind
{
    Entreprise,
    Association,
    EtablissementPublic,
}

/// <summary>Headcount bands, from which the engine's <c>effectif</c> tags are derived.</summary>
public enum HeadcountBand
{
    From0To9,
    From10To49,
    From50To249,
    From250,
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.Property(o => o.Siret).HasMaxLength(14).IsFixedLength();
        organisation.Property(o => o.Rna).HasMaxLength(10);
        organisation.Property(o => o.Name).HasMaxLength(300);
        organisation.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        organisation.Property(o => o.Headcount).HasConversion<string>().HasMaxLength(32);
        organisation.Property(o => o.NafCode).HasMaxLength(6);
        organisation.Property(o => o.NafSection).HasMaxLength(1);
        organisation.Property(o => o.CommuneInsee).HasMaxLength(5);
        organisation.HasIndex(o => new { o.TenantId, o.Siret }).IsUnique();
        organisation.HasIndex(o => new { o.TenantId, o.Rna }).IsUnique();
        organisation.ToTable(t => t.HasCheckConstraint("ck_organisations_identifier", "siret IS NOT NULL OR rna IS NOT NULL"));
    }
}
