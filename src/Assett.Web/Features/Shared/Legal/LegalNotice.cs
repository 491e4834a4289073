using Assett.Data.Tenants;

namespace Assett.Web.Features.Shared.Legal;

/// <summary>
/// What the legal pages state about who runs the service (<c>Assett:Legal</c>, e.g. <c>Assett__Legal__DpoEmail</c>):
/// the publisher and data controller default to Cerema, the DPO's contact and the host come from the deployment, and
/// the accessibility statement says « non conforme » until an audit has been made (docs/decisions.md, « Legal pages »).
/// </summary>
public sealed class LegalNotice
{
    public const string Section = "Assett:Legal";

    public string Publisher { get; set; } = "Cerema (Centre d’études et d’expertise sur les risques, l’environnement, la mobilité et l’aménagement)";
    public string PublisherAddress { get; set; } = "Cité des mobilités, 25 avenue François Mitterrand, CS 92803, 69674 Bron Cedex";
    public string PublicationDirector { get; set; } = "le directeur général du Cerema";

    /// <summary>Who hosts the service and where; by default, the publisher itself.</summary>
    public string? Host { get; set; }

    /// <summary>The data protection officer's address; without it, the DPO is reached by post at the publisher's address.</summary>
    public string? DpoEmail { get; set; }

    /// <summary>Where to report an accessibility problem; without it, the DPO's address or the post.</summary>
    public string? AccessibilityEmail { get; set; }

    /// <summary>« non conforme », « partiellement conforme » or « totalement conforme »: only an RGAA audit may raise it.</summary>
    public string Conformity { get; set; } = "non conforme";

    /// <summary>The date of the audit behind <see cref="Conformity"/>, if one was made.</summary>
    public DateOnly? AuditedOn { get; set; }

    /// <summary>The notice of a territory's site: its own director of publication and contacts where its <c>tenant.yaml</c> gives them.</summary>
    public LegalNotice Of(TenantSettings territory)
    {
        var notice = (LegalNotice)MemberwiseClone();
        notice.PublicationDirector = territory.PublicationDirector ?? PublicationDirector;
        notice.DpoEmail = territory.DpoEmail ?? DpoEmail;
        notice.AccessibilityEmail = territory.AccessibilityEmail ?? AccessibilityEmail;
        return notice;
    }
}
