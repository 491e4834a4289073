using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Meetings;

/// <summary>
/// A person registered to a meeting by their organisation, by name and address (docs/decisions.md):
/// registered, waiting for a place, or cancelled; reminded once two days before; present or not.
/// </summary>
public sealed class MeetingRegistration : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public RegistrationState State { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>Recorded by an officer on the day; null until then.</summary>
    public bool? Attended { get; set; }
}

public enum RegistrationState
{
    Registered,
    Waiting,
    Cancelled,
}

internal sealed class MeetingRegistrationConfiguration : IEntityTypeConfiguration<MeetingRegistration>
{
    public void Configure(EntityTypeBuilder<MeetingRegistration> registration)
    {
        registration.Property(r => r.Name).HasMaxLength(200);
        registration.Property(r => r.Email).HasMaxLength(320);
        registration.Property(r => r.RegisteredBy).HasMaxLength(320);
        registration.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        // One registration per person and meeting, whatever its state: cancelling then coming back reuses it.
        registration.HasIndex(r => new { r.TenantId, r.MeetingId, r.Email }).IsUnique();
        registration.HasIndex(r => new { r.TenantId, r.OrganisationId });
        // The places taken of a meeting are counted from this index alone (OrganisationMeetings).
        registration.HasIndex(r => new { r.TenantId, r.MeetingId, r.State });
        registration.HasTenantReference<MeetingRegistration, Meeting>(nameof(MeetingRegistration.MeetingId));
        registration.HasTenantReference<MeetingRegistration, Organisation>(nameof(MeetingRegistration.OrganisationId));
    }
}
