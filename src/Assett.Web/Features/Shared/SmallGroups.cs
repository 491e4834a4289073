namespace Assett.Web.Features.Shared;

/// <summary>
/// A group's figures are shown outside the officers' own pages (the owners' comparisons, cohort
/// reports, <c>/api/v1/cohort</c>) only from <see cref="Minimum"/> organisations, so that nobody's
/// score can be read in them (docs/decisions.md, « Small groups »).
/// </summary>
public static class SmallGroups
{
    public const int Minimum = 5;

    /// <summary>The groups large enough to show.</summary>
    public static List<T> LargeEnough<T>(this IEnumerable<T> groups, Func<T, int> organisations) =>
        [.. groups.Where(group => organisations(group) >= Minimum)];
}
