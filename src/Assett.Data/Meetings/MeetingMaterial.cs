using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Meetings;

/// <summary>
/// A file of a meeting's materials (slides, minutes...), stored in PostgreSQL under the territory's
/// row-level security, <see cref="MaxBytes"/> at most (docs/decisions.md).
/// </summary>
public sealed class MeetingMaterial : ITenantOwned
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public int Size { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class MeetingMaterialConfiguration : IEntityTypeConfiguration<MeetingMaterial>
{
    public void Configure(EntityTypeBuilder<MeetingMaterial> material)
    {
        material.Property(m => m.FileName).HasMaxLength(200);
        material.Property(m => m.ContentType).HasMaxLength(200);
        material.Property(m => m.AddedBy).HasMaxLength(320);
        material.HasIndex(m => new { m.TenantId, m.MeetingId });
        material.HasTenantReference<MeetingMaterial, Meeting>(nameof(MeetingMaterial.MeetingId));
        material.ToTable(t => t.HasCheckConstraint("ck_meeting_materials_size", $"size > 0 AND size <= {MeetingMaterial.MaxBytes}"));
    }
}
