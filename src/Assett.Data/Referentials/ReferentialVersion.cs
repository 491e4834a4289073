using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Referentials;

/// <summary>
/// One published version of a tenant's referential (national base plus local overlay). Never
/// rewritten: a changed referential is a new version, and an assessment keeps the one it was answered on.
/// </summary>
public sealed class ReferentialVersion : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    /// <summary>The folder of <c>tenants-config/referentiels/</c> it comes from, e.g. <c>assett-entreprises</c>.</summary>
    public required string BasePackage { get; set; }

    /// <summary>The <c>referentiel</c> id of the package's root, e.g. <c>assett</c>.</summary>
    public required string ReferentialId { get; set; }

    /// <summary>SHA-256 of the package files and overlay settings: equal hashes, same referential.</summary>
    public required string ContentHash { get; set; }

    public required string Label { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The package as it was: every markdown file (national and local), and the overlay settings.</summary>
    public StoredPackage Package { get; set; } = new();
}

/// <summary>The stored form of a package: its files, which the engine parses again to score.</summary>
public sealed class StoredPackage
{
    public List<StoredFile> Files { get; set; } = [];
    public List<string> DisabledNodes { get; set; } = [];
    public Dictionary<string, List<LocalResource>> Resources { get; set; } = [];
    public Dictionary<string, List<LocalResource>> Partners { get; set; } = [];
    public List<StoredNode> Nodes { get; set; } = [];
}

public sealed record StoredFile(string Path, string Content);

/// <summary>A resource or partner a territory adds to a measure.</summary>
public sealed record LocalResource(string Name, string? Description = null, string? Url = null, string? Contact = null);

/// <summary>The parsed tree, kept so lists and dashboards need not parse the package.</summary>
public sealed record StoredNode(string Id, string? ParentId, string Title, string Level, double Points, string? Category, bool Local);

internal sealed class ReferentialVersionConfiguration : IEntityTypeConfiguration<ReferentialVersion>
{
    public void Configure(EntityTypeBuilder<ReferentialVersion> version)
    {
        version.Property(v => v.BasePackage).HasMaxLength(100);
        version.Property(v => v.ReferentialId).HasMaxLength(50);
        version.Property(v => v.ContentHash).HasMaxLength(64);
        version.Property(v => v.Label).HasMaxLength(200);
        version.Property(v => v.Package).AsJson();
        version.HasIndex(v => new { v.TenantId, v.ContentHash }).IsUnique();
    }
}
