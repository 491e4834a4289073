using Assett.Data.Commitments;

namespace Assett.Web.Features.Shared.Commitments;

/// <summary>A commitment in the words of the action plan, the officer's list, the bilan and the mails.</summary>
public static class CommitmentWords
{
    /// <summary>« Consommation d’électricité : de 120 à 90 MWh/an », or the deliverable.</summary>
    public static string Target(Commitment commitment) => commitment.IsTarget
        ? $"{commitment.Indicator} : {(commitment.Baseline is { } from ? $"de {Number(from)} à" : "atteindre")} " +
            $"{Number(commitment.TargetValue)} {commitment.Unit}"
        : commitment.Deliverable!;

    /// <summary>What was reached, for a target marked done: « atteint : 95 MWh/an ».</summary>
    public static string? Reached(Commitment commitment) =>
        commitment.IsTarget && commitment.ReachedValue is { } reached ? $"atteint : {Number(reached)} {commitment.Unit}" : null;

    public static string State(Commitment commitment, DateOnly today) => commitment.State switch
    {
        CommitmentState.Done => "Réalisé",
        CommitmentState.Abandoned => "Abandonné",
        _ when commitment.IsOverdue(today) => "En retard",
        _ => "En cours",
    };

    public static string Number(decimal? value) => value?.ToString("#,0.##", French.Culture) ?? "";
}
