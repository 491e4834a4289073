using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Data.Commitments;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Commitments;

/// <summary>What a commitment says: its task, its target or deliverable, its due date and who carries it.</summary>
public sealed record CommitmentTerms(string NodeId, string? Indicator, string? Unit, decimal? Baseline, decimal? TargetValue, string? Deliverable,
    DateOnly DueDate, string Carrier);

/// <summary>
/// The one way a commitment changes: each change writes its step of the history
/// (<see cref="CommitmentEvent"/>) in the same save. Saving is the caller's.
/// </summary>
public sealed class CommitmentBook(AssettDbContext db, TimeProvider clock)
{
    public Commitment Add(Guid organisationId, Guid campaignId, CommitmentTerms terms, string by)
    {
        var commitment = new Commitment
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, CampaignId = campaignId, NodeId = terms.NodeId, Carrier = terms.Carrier,
            CreatedBy = by, CreatedAt = clock.GetUtcNow(), State = CommitmentState.Open,
        };
        Apply(commitment, terms);
        db.Commitments.Add(commitment);
        Record(commitment, CommitmentEventKind.Created, by,
            $"{CommitmentWords.Target(commitment)}, pour le {French.Day(commitment.DueDate)}, porté par {commitment.Carrier}");
        return commitment;
    }

    /// <summary>Changes the terms; the history says what changed. False when nothing did.</summary>
    public bool Edit(Commitment commitment, CommitmentTerms terms, string by)
    {
        var before = (Target: CommitmentWords.Target(commitment), commitment.DueDate, commitment.Carrier);
        Apply(commitment, terms with { NodeId = commitment.NodeId });
        var changes = new List<string>();
        if (CommitmentWords.Target(commitment) is var target && target != before.Target) changes.Add($"objectif : {before.Target} → {target}");
        if (commitment.DueDate != before.DueDate) changes.Add($"échéance : {French.Day(before.DueDate)} → {French.Day(commitment.DueDate)}");
        if (commitment.Carrier != before.Carrier) changes.Add($"porté par : {before.Carrier} → {commitment.Carrier}");
        if (changes.Count == 0) return false;
        // A new due date is a new chance to be reminded when it passes.
        if (commitment.DueDate != before.DueDate) commitment.OverdueRemindedAt = null;
        Record(commitment, CommitmentEventKind.Edited, by, string.Join(" ; ", changes));
        return true;
    }

    public void MarkDone(Commitment commitment, decimal? reached, string by)
    {
        (commitment.State, commitment.ClosedAt, commitment.ClosedBy) = (CommitmentState.Done, clock.GetUtcNow(), by);
        commitment.ReachedValue = commitment.IsTarget ? reached : null;
        Record(commitment, CommitmentEventKind.Done, by, CommitmentWords.Reached(commitment) is { } value ? $"réalisé, {value}" : "réalisé");
    }

    public void Abandon(Commitment commitment, string reason, string by)
    {
        (commitment.State, commitment.ClosedAt, commitment.ClosedBy, commitment.AbandonReason) = (CommitmentState.Abandoned, clock.GetUtcNow(), by, reason);
        Record(commitment, CommitmentEventKind.Abandoned, by, $"abandonné : {reason}");
    }

    /// <summary>
    /// Moves every open commitment of the territory into <paramref name="campaign"/>'s plan, each with its
    /// step of history: what an organisation committed to stays in its plan from one campaign to the next.
    /// </summary>
    public async Task<int> CarryOverAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var open = await db.Commitments.Where(c => c.State == CommitmentState.Open && c.CampaignId != campaign.Id).ToListAsync(cancellationToken);
        var names = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        foreach (var commitment in open)
        {
            Record(commitment, CommitmentEventKind.CarriedOver, null, $"reporté de « {names[commitment.CampaignId]} » à « {campaign.Name} »");
            commitment.CampaignId = campaign.Id;
        }
        return open.Count;
    }

    private static void Apply(Commitment commitment, CommitmentTerms terms)
    {
        var deliverable = string.IsNullOrWhiteSpace(terms.Deliverable) ? null : terms.Deliverable.Trim();
        commitment.Deliverable = deliverable;
        commitment.Indicator = deliverable is null ? terms.Indicator?.Trim() : null;
        commitment.Unit = deliverable is null ? terms.Unit?.Trim() : null;
        commitment.Baseline = deliverable is null ? terms.Baseline : null;
        commitment.TargetValue = deliverable is null ? terms.TargetValue : null;
        commitment.DueDate = terms.DueDate;
        commitment.Carrier = terms.Carrier.Trim();
    }

    private void Record(Commitment commitment, CommitmentEventKind kind, string? by, string detail) =>
        db.CommitmentEvents.Add(new CommitmentEvent
        {
            Id = Guid.NewGuid(), CommitmentId = commitment.Id, Kind = kind, At = clock.GetUtcNow(), Actor = by, Detail = detail,
        });
}
