using Assett.Data.Organisations;

namespace Assett.Data.Demo;

/// <summary>
/// Addresses of demonstration accounts: under the reserved <c>.invalid</c> domain, so no message to
/// them can leave the machine, and unique per organisation and territory.
/// </summary>
public static class DemoAccounts
{
    public const string Domain = "demo.invalid";

    public static string OwnerEmail(Organisation organisation, string tenant) => $"contact-{organisation.Siret}@{tenant}.{Domain}";
}
