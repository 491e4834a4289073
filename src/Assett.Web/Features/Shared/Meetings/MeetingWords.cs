using Assett.Data.Meetings;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>A meeting in words, the same on every page and in every mail.</summary>
public static class MeetingWords
{
    public static readonly MeetingKind[] Kinds = Enum.GetValues<MeetingKind>();

    public static string Kind(MeetingKind kind) => kind switch
    {
        MeetingKind.Atelier => "Atelier",
        MeetingKind.Visite => "Visite",
        MeetingKind.Webinaire => "Webinaire",
        MeetingKind.RencontrePleniere => "Rencontre plénière",
        _ => "Autre rencontre",
    };

    public static string State(MeetingState state) => state switch
    {
        MeetingState.Draft => "Brouillon",
        MeetingState.Published => "Publiée",
        _ => "Annulée",
    };

    public static string Registration(RegistrationState state) => state switch
    {
        RegistrationState.Registered => "Inscrit(e)",
        RegistrationState.Waiting => "Liste d’attente",
        _ => "Inscription annulée",
    };

    /// <summary>« le 12 mars 2027 à 14:00 (1 h 30) », in the territory's time zone.</summary>
    public static string When(Meeting meeting, TimeZoneInfo zone) => $"le {French.At(meeting.StartsAt, zone)} ({Duration(meeting.DurationMinutes)})";

    public static string Where(Meeting meeting) =>
        meeting.Place is { Length: > 0 } place ? meeting.OnlineUrl is { Length: > 0 } online ? $"{place}, ou en ligne : {online}" : place
        : meeting.OnlineUrl is { Length: > 0 } link ? $"en ligne : {link}" : "lieu à préciser";

    public static string Duration(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => $"{m} min",
        (var h, 0) => $"{h} h",
        var (h, m) => $"{h} h {m:00}",
    };

    public static string Places(Meeting meeting, int taken) =>
        meeting.Capacity is { } capacity ? $"{Math.Max(capacity - taken, 0)} place(s) libre(s) sur {capacity}" : "places non limitées";
}
