using Assett.Data.Referentials;

namespace Assett.Data.Onboarding;

/// <summary>One territory as <c>tenants-config/&lt;slug&gt;/tenant.yaml</c> describes it, once read and checked.</summary>
public sealed record TenantDefinition
{
    public required string Identifier { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public string? Siren { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public string? PublicHost { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
    public byte[]? Logo { get; init; }
    public string? LogoContentType { get; init; }
    public IReadOnlyList<OfficerDefinition> Officers { get; init; } = [];
    public IReadOnlyList<CampaignDefinition> Campaigns { get; init; } = [];
    public string? ReminderSchedule { get; init; }
    public string? ReportSchedule { get; init; }
    public CharterDefinition? Charter { get; init; }

    /// <summary>The territory's own legal mentions (<c>legal</c>), each optional: see <see cref="Tenants.TenantSettings"/>.</summary>
    public string? PublicationDirector { get; init; }

    public string? DpoEmail { get; init; }
    public string? AccessibilityEmail { get; init; }

    /// <summary>The referential: national base plus local overlay, as it will be stored.</summary>
    public required ComposedReferential Referential { get; init; }

    /// <summary>The tasks of « Territoire engagé » the cohort documents: the same for every territory of the folder.</summary>
    public IReadOnlyList<Labelling.EvidenceTask> Evidence { get; init; } = [];
}

/// <summary>The charter of engagement: its version and its markdown text.</summary>
public sealed record CharterDefinition(int Version, string Text);

public sealed record OfficerDefinition(string Name, string Email);

public sealed record CampaignDefinition(string Name, DateOnly Opens, DateOnly Closes);

/// <summary>A tenant's referential: the package to store, its hash, and where it comes from.</summary>
public sealed record ComposedReferential(string BasePackage, string ReferentialId, string ContentHash, StoredPackage Package);
