using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Meetings;

/// <summary>An address that asked, through the link of a meeting mail, to receive no more mails of that kind from the territory.</summary>
public sealed class MeetingMailOptOut : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public MeetingMailKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum MeetingMailKind
{
    /// <summary>The invitations sent when a meeting is published.</summary>
    Invitation,

    /// <summary>The reminders two days before a meeting.</summary>
    Reminder,
}

internal sealed class MeetingMailOptOutConfiguration : IEntityTypeConfiguration<MeetingMailOptOut>
{
    public void Configure(EntityTypeBuilder<MeetingMailOptOut> optOut)
    {
        optOut.Property(o => o.Email).HasMaxLength(320);
        optOut.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        optOut.HasIndex(o => new { o.TenantId, o.Email, o.Kind }).IsUnique();
    }
}
