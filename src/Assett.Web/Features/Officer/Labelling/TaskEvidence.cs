using Assett.Data.Labelling;

namespace Assett.Web.Features.Officer.Labelling;

/// <summary>One task's evidence: what the page shows for it, and what its printable page and XLSX hold.</summary>
public sealed record TaskEvidence(EvidenceTask Task, string? OfficialTitle, CohortEvidence Cohort, EvidenceStatus Proposed,
    EvidenceConfirmation? Confirmed, string Territory, TimeZoneInfo Zone)
{
    /// <summary>« 6.1.1.3.1 » for <c>cae_6.1.1.3.1</c>.</summary>
    public string Number => Task.CaeId.StartsWith("cae_", StringComparison.Ordinal) ? Task.CaeId[4..] : Task.CaeId;
}
