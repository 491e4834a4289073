using System.Globalization;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Assett.Web.Features.Officer.Meetings;

/// <summary>
/// A meeting as the officer types it: dates, times and numbers as text, so that what was typed comes
/// back as typed with its error beside it. <see cref="Apply"/> changes the meeting only when every
/// field is valid.
/// </summary>
public sealed class MeetingForm
{
    public const int MaxDurationMinutes = 24 * 60;

    public string? Title { get; set; }
    public string? Description { get; set; }
    public MeetingKind Kind { get; set; } = MeetingKind.Atelier;
    public string? Day { get; set; }
    public string? Time { get; set; }
    public string? Duration { get; set; } = "120";
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Capacity { get; set; }
    public List<string> Themes { get; set; } = [];
    public List<string> Partners { get; set; } = [];
    public string? OtherSpeakers { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Headcounts { get; set; } = [];
    public List<string> Communes { get; set; } = [];
    public List<string> Kinds { get; set; } = [];
    public bool WeakOnThemes { get; set; }

    public static MeetingForm Of(Meeting meeting, TimeZoneInfo zone, IReadOnlyCollection<string> partners)
    {
        var local = TimeZoneInfo.ConvertTime(meeting.StartsAt, zone);
        return new MeetingForm
        {
            Title = meeting.Title, Description = meeting.Description, Kind = meeting.Kind, Day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", CultureInfo.InvariantCulture), Duration = meeting.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            Place = meeting.Place, OnlineUrl = meeting.OnlineUrl, Capacity = meeting.Capacity?.ToString(CultureInfo.InvariantCulture),
            Themes = [.. meeting.Themes], Partners = [.. meeting.Speakers.Where(partners.Contains)],
            OtherSpeakers = string.Join("\n", meeting.Speakers.Where(s => !partners.Contains(s))),
            Sectors = [.. meeting.Audience.Sectors], Headcounts = [.. meeting.Audience.Headcounts], Communes = [.. meeting.Audience.Communes],
            Kinds = [.. meeting.Audience.Kinds], WeakOnThemes = meeting.Audience.WeakOnThemes,
        };
    }

    /// <summary>Writes the form into the meeting, or leaves it untouched and puts each error on its field (<c>Form.X</c>).</summary>
    /// <param name="themes">The node ids a meeting may work on: the referential's axes and measures.</param>
    /// <param name="communes">The territory's communes, by INSEE code.</param>
    public bool Apply(ModelStateDictionary state, Meeting meeting, TimeZoneInfo zone, DateTimeOffset now, IReadOnlySet<string> themes,
        IReadOnlySet<string> communes)
    {
        Required(state, nameof(Title), Title, 200, "Donnez un titre à la rencontre (par exemple « Atelier sobriété énergétique »).");
        if (Description?.Trim().Length > 4000) state.AddModelError($"Form.{nameof(Description)}", "4 000 caractères au plus.");
        if (!Enum.IsDefined(Kind)) state.AddModelError($"Form.{nameof(Kind)}", "Choisissez le type de rencontre.");
        var startsAt = StartsAt(state, zone);
        if (startsAt is { } start && start <= now && start != meeting.StartsAt)
            state.AddModelError($"Form.{nameof(Day)}", "Choisissez une date et une heure à venir.");
        var duration = Whole(state, nameof(Duration), Duration, 15, MaxDurationMinutes, "La durée s’écrit en minutes, de 15 à 1 440 (par exemple 90).");
        if (string.IsNullOrWhiteSpace(Duration)) state.AddModelError($"Form.{nameof(Duration)}", "Indiquez la durée en minutes (par exemple 90).");
        var capacity = Whole(state, nameof(Capacity), Capacity, 1, 10_000,
            "Le nombre de places s’écrit en chiffres, de 1 à 10 000 ; laissez vide sans limite.");
        var place = Trimmed(Place);
        var online = Trimmed(OnlineUrl);
        if (place?.Length > 300) state.AddModelError($"Form.{nameof(Place)}", "300 caractères au plus.");
        if (online is not null && (online.Length > 500 || !Uri.TryCreate(online, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
            state.AddModelError($"Form.{nameof(OnlineUrl)}", "Indiquez une adresse complète, qui commence par https://.");
        if (place is null && online is null) state.AddModelError($"Form.{nameof(Place)}", "Indiquez un lieu, ou un lien pour une rencontre en ligne.");
        if (Themes.Any(t => !themes.Contains(t))) state.AddModelError($"Form.{nameof(Themes)}", "Choisissez les thèmes dans la liste du référentiel.");
        if (WeakOnThemes && Themes.Count == 0)
            state.AddModelError($"Form.{nameof(Themes)}", "Pour inviter les organisations en retrait sur ses thèmes, choisissez au moins un thème.");
        var speakers = Partners.Concat((OtherSpeakers ?? "").Split('\n')).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (speakers.Count > 30 || speakers.Any(s => s.Length > 200))
            state.AddModelError($"Form.{nameof(OtherSpeakers)}", "30 intervenants au plus, de 200 caractères chacun au plus, un par ligne.");
        if (Sectors.Any(s => s.Length != 1 || s[0] is < 'A' or > 'U') || Headcounts.Any(h => !Enum.TryParse<HeadcountBand>(h, out _))
            || Kinds.Any(k => !Enum.TryParse<OrganisationKind>(k, out _)) || Communes.Any(c => !communes.Contains(c)))
            state.AddModelError($"Form.{nameof(Sectors)}", "Choisissez le public dans les listes proposées.");
        if (!state.IsValid) return false;

        meeting.Title = Title!.Trim();
        meeting.Description = Description?.Trim() ?? "";
        meeting.Kind = Kind;
        meeting.StartsAt = startsAt!.Value;
        meeting.DurationMinutes = duration!.Value;
        (meeting.Place, meeting.OnlineUrl, meeting.Capacity) = (place, online, capacity);
        meeting.Themes = [.. Themes.Distinct()];
        meeting.Speakers = speakers;
        meeting.Audience = new MeetingAudience
        {
            Sectors = [.. Sectors.Distinct()], Headcounts = [.. Headcounts.Distinct()], Communes = [.. Communes.Distinct()], Kinds = [.. Kinds.Distinct()],
            WeakOnThemes = WeakOnThemes,
        };
        return true;
    }

    private DateTimeOffset? StartsAt(ModelStateDictionary state, TimeZoneInfo zone)
    {
        if (!DateOnly.TryParseExact(Day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            state.AddModelError($"Form.{nameof(Day)}", "Indiquez la date de la rencontre (jj/mm/aaaa).");
            return null;
        }
        if (!TimeOnly.TryParseExact(Time?.Trim(), ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var time))
        {
            state.AddModelError($"Form.{nameof(Time)}", "Indiquez l’heure de début (par exemple 14:00).");
            return null;
        }
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            state.AddModelError($"Form.{nameof(Time)}", "Cette heure n’existe pas ce jour-là (changement d’heure) : choisissez-en une autre.");
            return null;
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static int? Whole(ModelStateDictionary state, string field, string? text, int min, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim().Replace(" ", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        state.AddModelError($"Form.{field}", message);
        return null;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Required(ModelStateDictionary state, string field, string? text, int maxLength, string message)
    {
        if (string.IsNullOrWhiteSpace(text)) state.AddModelError($"Form.{field}", message);
        else if (text.Trim().Length > maxLength) state.AddModelError($"Form.{field}", $"{maxLength} caractères au plus.");
    }
}
