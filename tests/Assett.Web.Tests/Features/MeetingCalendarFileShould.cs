using System.Text;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Meetings;

namespace Assett.Web.Tests.Features;

/// <summary>A meeting's calendar invitation: one event a calendar can update (same UID, growing SEQUENCE) or cancel.</summary>
public sealed class MeetingCalendarFileShould
{
    private static readonly TenantInfo Mayotte = new(Guid.NewGuid(), "centre-ouest-mayotte", "CC du Centre-Ouest") { TimeZone = "Indian/Mayotte" };

    private static Meeting Workshop() => new()
    {
        Id = Guid.NewGuid(), Title = "Atelier eau : réduire ses consommations", Description = "Retours d’expérience et visite.",
        Kind = MeetingKind.Atelier, StartsAt = new DateTimeOffset(2027, 3, 10, 9, 0, 0, TimeSpan.FromHours(3)), DurationMinutes = 150,
        Place = "Salle des fêtes de Sada", State = MeetingState.Published, Sequence = 2, CreatedBy = "chargee@centre-ouest.example",
    };

    [Fact]
    public void DescribeTheMeetingInUtcWithItsIdentityAndSequence()
    {
        var meeting = Workshop();

        var file = MeetingCalendarFile.For(meeting, Mayotte, "rencontres@centre-ouest.example", "gerant@sada.example", DateTimeOffset.UtcNow);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(file.Content))!;
        var meetingEvent = Assert.Single(calendar.Events);

        Assert.Equal(("rencontre.ics", "text/calendar; charset=utf-8; method=REQUEST"), (file.Name, file.ContentType));
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal($"{meeting.Id:N}@centre-ouest-mayotte.assett", meetingEvent.Uid);
        Assert.Equal(2, meetingEvent.Sequence);
        Assert.Equal(new DateTime(2027, 3, 10, 6, 0, 0, DateTimeKind.Utc), meetingEvent.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2027, 3, 10, 8, 30, 0, DateTimeKind.Utc), meetingEvent.DtEnd!.AsUtc);
        Assert.Equal(("Atelier eau : réduire ses consommations", "Salle des fêtes de Sada"), (meetingEvent.Summary, meetingEvent.Location));
        Assert.Equal("mailto:gerant@sada.example", Assert.Single(meetingEvent.Attendees).Value?.ToString());
    }

    [Fact]
    public void CancelTheSameEventWhenTheMeetingIsCancelled()
    {
        var meeting = Workshop();
        meeting.State = MeetingState.Cancelled;
        meeting.Sequence = 3;

        var file = MeetingCalendarFile.For(meeting, Mayotte, "rencontres@centre-ouest.example", "gerant@sada.example", DateTimeOffset.UtcNow);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(file.Content))!;

        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(("CANCELLED", 3), (calendar.Events.Single().Status, calendar.Events.Single().Sequence));
    }
}
