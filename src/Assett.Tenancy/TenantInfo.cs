namespace Assett.Tenancy;

/// <summary>
/// A territory (tenant), shaped like Finbuckle's <c>ITenantInfo</c>: <see cref="Id"/> never changes,
/// <see cref="Identifier"/> is the slug used in URLs and in <c>tenants-config/&lt;slug&gt;/</c>.
/// </summary>
public sealed record TenantInfo(Guid Id, string Identifier, string Name)
{
    /// <summary>Host names that select this tenant (e.g. <c>assett.grandpoitiers.fr</c>).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The one of <see cref="Hosts"/> that links point to, or null (links then use the platform's address and <c>/t/{slug}</c>).</summary>
    public string? PublicHost { get; init; }

    /// <summary>IANA time zone of the territory, for schedules and dates shown.</summary>
    public string TimeZone { get; init; } = "Europe/Paris";

    /// <summary>The territory's <see cref="TimeZone"/>, to convert instants into its local time.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The territory's calendar date at this instant (its « today » for campaigns, deadlines, reminders).</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant the territory's day begins (its local midnight), in UTC: the inverse of <see cref="DateAt"/>.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
