using System.Text.RegularExpressions;

namespace Assett.Data.Onboarding;

/// <summary>
/// The values <c>tenants new</c> leaves for Cerema to fill, written « À COMPLÉTER »: the reader refuses each one with
/// what to fill and why, so that <c>tenants apply</c> never makes a half-filled territory live.
/// </summary>
public static partial class TenantBlanks
{
    public const string Placeholder = "À COMPLÉTER";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["charter.file"] = "the charter of engagement, a markdown file of the territory's folder (e.g. charte.md) written with the territory: "
            + "every organisation accepts it to join",
        ["officers.name"] = "the name of a territory officer (chargé(e) de mission), who runs the territory in Assett "
            + "(campaigns, invitations, the cohort's follow-up): 'tenants apply' invites each officer by email",
        ["officers.email"] = "the officer's email address, where 'tenants apply' sends the invitation to create their access",
        ["legal.publication_director"] = "who answers for what the territory's pages publish (e.g. 'le président de la communauté de communes'), "
            + "named on its « Mentions légales »",
        ["legal.dpo_email"] = "the address of the territory's data protection officer (DPO), given on its « Données personnelles » page "
            + "for people to exercise their rights",
    };

    public static bool IsBlank(string value) => string.Equals(value.Trim(), Placeholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>What to fill in a blank field (<c>officers[0].email</c>), and why.</summary>
    public static string Reason(string field) => Reasons.GetValueOrDefault(ItemIndex().Replace(field, "")) ?? "a value, or remove the line";

    /// <summary>The reader's error for a blank field.</summary>
    public static string Message(string field) => $"left blank by 'tenants new', to fill in: {Reason(field)}";

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ItemIndex();
}
