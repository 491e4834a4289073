using Assett.Data;

namespace Assett.Testing;

/// <summary>
/// The fictional territories of <c>tests/tenants-config</c>, which the tests run on instead of the
/// real ones of <c>tenants-config/</c>: what the tests rely on is named here, once.
/// </summary>
public static class TestTerritories
{
    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "tenants-config");

    /// <summary>Has a local measure (<c>1.L1</c>, 5 tasks), local resources and partners, and communes.</summary>
    public const string First = "essai-nord";
    public const string FirstName = "Essai Nord";

    /// <summary>Another territory, whose data the first's pages must never show.</summary>
    public const string Second = "essai-sud";
    public const string SecondName = "Essai Sud";

    /// <summary>In the <c>Indian/Mayotte</c> time zone.</summary>
    public const string Overseas = "essai-outre-mer";
    public const string OverseasName = "Essai Outre-mer";

    /// <summary>Every territory of the folder, in its order (by identifier).</summary>
    public static readonly IReadOnlyList<(string Identifier, string Name)> All =
        [(First, FirstName), (Overseas, OverseasName), (Second, SecondName)];

    /// <summary>Each territory's one campaign, from 15 January to 30 June 2027.</summary>
    public const string Campaign = "Campagne de test 2027";

    /// <summary>A commune of the first territory (from the reference data), as its registration form lists it.</summary>
    public const string FirstCommune = "74056";
    public const string FirstCommuneName = "Chamonix-Mont-Blanc";
}
