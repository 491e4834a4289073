using System.Text;
using Assett.Data.Mail;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// A meeting as a calendar invitation (<c>.ics</c>, Ical.Net), attached to its mails: the same UID for
/// every mail of the meeting and the meeting's <see cref="Meeting.Sequence"/>, so that a calendar
/// updates the event it already holds when the date or the place changes, or cancels it.
/// Times are in UTC: every calendar shows them in its own zone.
/// </summary>
public static class MeetingCalendarFile
{
    public const string FileName = "rencontre.ics";

    /// <param name="organiser">The address replies would go to (the territory's).</param>
    public static OutboxAttachment For(Meeting meeting, TenantInfo territory, string organiser, string attendee, DateTimeOffset now)
    {
        var cancelled = meeting.State == MeetingState.Cancelled;
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Assett//Rencontres//FR" };
        var meetingEvent = new CalendarEvent
        {
            Uid = $"{meeting.Id:N}@{territory.Identifier}.assett",
            Sequence = meeting.Sequence,
            Summary = meeting.Title,
            Description = meeting.Description,
            Location = meeting.Place ?? meeting.OnlineUrl,
            DtStart = new CalDateTime(meeting.StartsAt.UtcDateTime),
            DtEnd = new CalDateTime(meeting.EndsAt.UtcDateTime),
            DtStamp = new CalDateTime(now.UtcDateTime),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{organiser}") { CommonName = territory.Name },
        };
        meetingEvent.Attendees.Add(new Attendee($"mailto:{attendee}") { Role = "REQ-PARTICIPANT", Rsvp = false });
        if (meeting.OnlineUrl is { } online && Uri.TryCreate(online, UriKind.Absolute, out var url)) meetingEvent.Url = url;
        calendar.Events.Add(meetingEvent);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return new OutboxAttachment(FileName, $"text/calendar; charset=utf-8; method={calendar.Method}", Encoding.UTF8.GetBytes(text));
    }
}
