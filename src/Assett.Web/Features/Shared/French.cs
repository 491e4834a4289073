using System.Globalization;

namespace Assett.Web.Features.Shared;

/// <summary>The product's one French culture, and the ways its pages, exports and mails write days, times and numbers.</summary>
public static class French
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Names in the order of a French list (« Échiré » beside « Ecully »), whatever their case.</summary>
    public static readonly StringComparer Names = StringComparer.Create(Culture, ignoreCase: true);

    /// <summary>An instant in the territory's time zone: « 22 nov. 2026 à 14:05 ».</summary>
    public static string At(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy 'à' HH:mm", Culture);

    /// <summary>An instant's day in the territory's time zone: « 22 novembre 2026 ».</summary>
    public static string Day(DateTimeOffset instant, TimeZoneInfo zone) => Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Culture);
}
