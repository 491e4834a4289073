using Assett.Data.Labelling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Tenants;

/// <summary>A territory running the ASSETT scheme, as applied from <c>tenants-config/&lt;slug&gt;/tenant.yaml</c>.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>The slug, e.g. <c>grand-poitiers</c>; never changes.</summary>
    public required string Identifier { get; set; }

    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string? Siren { get; set; }
    public List<string> Hosts { get; set; } = [];
    public string TimeZone { get; set; } = "Europe/Paris";
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }

    /// <summary>The whole normalised configuration (officers, calendar, schedules, overlay), as applied.</summary>
    public TenantSettings Settings { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The parts of <c>tenant.yaml</c> kept as one JSON document.</summary>
public sealed class TenantSettings
{
    public string BaseReferential { get; set; } = "";

    /// <summary>The referential version that matches the configuration: new campaigns use it.</summary>
    public Guid? CurrentReferentialVersionId { get; set; }

    public string? ReminderSchedule { get; set; }
    public string? ReportSchedule { get; set; }
    /// <summary>The charter of engagement (markdown) and its version: a new version is accepted again.</summary>
    public string? Charter { get; set; }

    public int? CharterVersion { get; set; }

    /// <summary>The version of the charter organisations accept now (1 when unnumbered); null without a charter.</summary>
    public int? CharterInForce => Charter is null ? null : CharterVersion ?? 1;

    /// <summary>
    /// The host of <see cref="Tenant.Hosts"/> that links point to (<c>public_host</c>), or null: links use
    /// <c>Assett__PublicUrl/t/{slug}</c>.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>
    /// What the territory's legal pages state of it (<c>legal</c>: the director of publication of its site, its data
    /// protection officer, its accessibility contact); where null, the platform's (<c>Assett__Legal__*</c>).
    /// </summary>
    public string? PublicationDirector { get; set; }

    public string? DpoEmail { get; set; }
    public string? AccessibilityEmail { get; set; }

    /// <summary>The tasks of « Territoire engagé » that the cohort documents (<c>tenants-config/labelling/</c>).</summary>
    public List<EvidenceTask> Evidence { get; set; } = [];
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> tenant)
    {
        tenant.Property(t => t.Identifier).HasMaxLength(64);
        tenant.HasIndex(t => t.Identifier).IsUnique();
        tenant.Property(t => t.Name).HasMaxLength(200);
        tenant.Property(t => t.DisplayName).HasMaxLength(200);
        tenant.Property(t => t.Siren).HasMaxLength(9);
        tenant.Property(t => t.TimeZone).HasMaxLength(64);
        tenant.Property(t => t.LogoContentType).HasMaxLength(100);
        tenant.Property(t => t.Settings).AsJson();
    }
}
