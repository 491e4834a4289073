namespace Assett.Data.ReferenceData;

/// <summary>The regions of France by their INSEE code (<c>06</c> for Mayotte).</summary>
public static class Regions
{
    /// <summary>The IANA time zone of a region: each overseas region has its own, the rest of France is on Paris time.</summary>
    public static string TimeZoneOf(string region) => region switch
    {
        "01" => "America/Guadeloupe",
        "02" => "America/Martinique",
        "03" => "America/Cayenne",
        "04" => "Indian/Reunion",
        "06" => "Indian/Mayotte",
        _ => "Europe/Paris",
    };
}
