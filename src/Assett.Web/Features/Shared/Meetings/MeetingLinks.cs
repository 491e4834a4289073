using Assett.Data.Meetings;
using Assett.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// The links of meeting mails, built outside any request: the meeting's page, and the link that stops
/// one kind of meeting mail for an address, whose code only works in its own territory.
/// </summary>
public sealed class MeetingLinks(IDataProtectionProvider protection, TerritoryLinks links)
{
    public string Meeting(TenantInfo territory, Guid meetingId) => $"{links.Site(territory)}/rencontres/{meetingId}";

    public string OptOut(TenantInfo territory, MeetingMailKind kind, string email) =>
        $"{links.Site(territory)}/rencontres/arret?code={Uri.EscapeDataString(Protector(territory).Protect($"{kind}|{email}"))}";

    /// <summary>The kind and address of a stop code, or null when the code is not one of this territory's.</summary>
    public (MeetingMailKind Kind, string Email)? ReadOptOut(TenantInfo territory, string? code)
    {
        try
        {
            var parts = Protector(territory).Unprotect(code ?? "").Split('|', 2);
            return parts.Length == 2 && Enum.TryParse<MeetingMailKind>(parts[0], out var kind) ? (kind, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The sentence that ends a mail of this kind.</summary>
    public string StopLine(TenantInfo territory, MeetingMailKind kind, string email) =>
        (kind == MeetingMailKind.Invitation ? "Pour ne plus recevoir les invitations aux rencontres : " : "Pour ne plus recevoir les rappels des rencontres : ")
        + OptOut(territory, kind, email);

    private IDataProtector Protector(TenantInfo territory) => protection.CreateProtector("Assett.Meetings.OptOut", territory.Id.ToString());
}
