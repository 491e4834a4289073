using Assett.Web.Features.Shared;
using Assett.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>
/// The links of reminders, built outside any request: the territory's pages, and the link that stops
/// reminders, whose code names the campaign and the organisation and only works in its own territory.
/// </summary>
public sealed class ReminderLinks(IDataProtectionProvider protection, TerritoryLinks links)
{
    public string Site(TenantInfo territory) => links.Site(territory);

    public string OptOut(TenantInfo territory, Guid campaignId, Guid organisationId) =>
        $"{Site(territory)}/rappels/arret?code={Uri.EscapeDataString(Protector(territory).Protect($"{campaignId:N}.{organisationId:N}"))}";

    /// <summary>The campaign and organisation of an opt-out code, or null when the code is not one of this territory's.</summary>
    public (Guid CampaignId, Guid OrganisationId)? ReadOptOut(TenantInfo territory, string? code)
    {
        try
        {
            var parts = Protector(territory).Unprotect(code ?? "").Split('.');
            return parts.Length == 2 && Guid.TryParse(parts[0], out var campaign) && Guid.TryParse(parts[1], out var organisation)
                ? (campaign, organisation)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector(TenantInfo territory) => protection.CreateProtector("Assett.Reminders.OptOut", territory.Id.ToString());
}
