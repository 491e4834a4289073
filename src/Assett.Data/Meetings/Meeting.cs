using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Meetings;

/// <summary>
/// A meeting of the cohort (« rencontre »): what, when (in the territory's time zone when shown), where
/// or online, how many places, the referential's themes it works on, its speakers, and its audience.
/// <see cref="Sequence"/> grows at each change of date or place, as calendar invitations require.
/// </summary>
public sealed class Meeting : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public MeetingKind Kind { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }

    /// <summary>Places for people; null: no limit. Beyond it, registrations wait.</summary>
    public int? Capacity { get; set; }

    /// <summary>Node ids of the referential (axes or measures) the meeting works on.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>Speakers or partners, by name (the territory's partners, or others).</summary>
    public List<string> Speakers { get; set; } = [];

    public MeetingAudience Audience { get; set; } = new();
    public MeetingState State { get; set; }
    public int Sequence { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// The organisations of a segment's audience, fixed when the meeting is published (never none);
    /// empty for the whole cohort, which is every member organisation, those who join later included.
    /// </summary>
    public List<Guid> InvitedOrganisations { get; set; } = [];

    /// <summary>The materials' links (slides online, a recording...); files are <see cref="MeetingMaterial"/>s.</summary>
    public List<MeetingLink> Links { get; set; } = [];

    /// <summary>The follow-up written after the meeting, sent to those who came with the materials.</summary>
    public string? FollowUp { get; set; }

    public DateTimeOffset? FollowUpSentAt { get; set; }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}

public sealed record MeetingLink(string Title, string Url);

public enum MeetingKind
{
    Atelier,
    Visite,
    Webinaire,
    RencontrePleniere,
    Autre,
}

public enum MeetingState
{
    Draft,
    Published,
    Cancelled,
}

/// <summary>
/// Who is invited: the whole cohort (nothing set), or the organisations matching every criterion set;
/// <see cref="WeakOnThemes"/>: below the cohort's median on the meeting's themes (docs/decisions.md).
/// </summary>
public sealed class MeetingAudience
{
    public List<string> Sectors { get; set; } = [];
    public List<string> Headcounts { get; set; } = [];
    public List<string> Communes { get; set; } = [];
    public List<string> Kinds { get; set; } = [];
    public bool WeakOnThemes { get; set; }

    public bool IsWholeCohort => Sectors.Count == 0 && Headcounts.Count == 0 && Communes.Count == 0 && Kinds.Count == 0 && !WeakOnThemes;
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.Property(m => m.Title).HasMaxLength(200);
        meeting.Property(m => m.Description).HasMaxLength(4000);
        meeting.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        meeting.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        meeting.Property(m => m.Place).HasMaxLength(300);
        meeting.Property(m => m.OnlineUrl).HasMaxLength(500);
        meeting.Property(m => m.CreatedBy).HasMaxLength(320);
        meeting.Property(m => m.Audience).AsJson();
        meeting.Property(m => m.Links).AsJson();
        meeting.Property(m => m.FollowUp).HasMaxLength(4000);
        meeting.HasIndex(m => new { m.TenantId, m.StartsAt });
        meeting.ToTable(t =>
        {
            t.HasCheckConstraint("ck_meetings_duration", "duration_minutes > 0");
            t.HasCheckConstraint("ck_meetings_capacity", "capacity IS NULL OR capacity > 0");
        });
    }
}
