using System.Globalization;
using Assett.Data.Commitments;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Assett.Web.Features.ActionPlan;

/// <summary>
/// The terms of a commitment as typed: numbers as text (« 12,5 » and « 12.5 » both read), so that
/// what was typed comes back as typed with its error beside it, never lost.
/// </summary>
public sealed class CommitmentForm
{
    public const int ReasonMaxLength = 1000;

    /// <summary><c>objectif</c> (a measurable target) or <c>livrable</c> (a deliverable).</summary>
    public string Kind { get; set; } = "objectif";

    public string? Indicator { get; set; }
    public string? Unit { get; set; }
    public string? Baseline { get; set; }
    public string? Target { get; set; }
    public string? Deliverable { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? Carrier { get; set; }

    public bool IsDeliverable => Kind == "livrable";

    public static CommitmentForm Of(Commitment commitment) => new()
    {
        Kind = commitment.IsTarget ? "objectif" : "livrable", Indicator = commitment.Indicator, Unit = commitment.Unit,
        Baseline = CommitmentWords.Number(commitment.Baseline), Target = CommitmentWords.Number(commitment.TargetValue),
        Deliverable = commitment.Deliverable, DueDate = commitment.DueDate, Carrier = commitment.Carrier,
    };

    /// <summary>The terms, or null with each error on its field (<c>Form.X</c>). The task is the caller's.</summary>
    /// <param name="keptDueDate">An edited commitment may keep its due date even once passed.</param>
    public CommitmentTerms? Validate(ModelStateDictionary state, DateOnly today, DateOnly? keptDueDate = null)
    {
        var baseline = Number(state, nameof(Baseline), Baseline, "La valeur de départ");
        var target = Number(state, nameof(Target), Target, "La valeur visée");
        if (IsDeliverable)
            Required(state, nameof(Deliverable), Deliverable, 500, "Décrivez le livrable attendu (par exemple « plan de mobilité adopté »).");
        else
        {
            Required(state, nameof(Indicator), Indicator, 200, "Indiquez ce que vous mesurez (par exemple « consommation d’électricité »).");
            Required(state, nameof(Unit), Unit, 50, "Indiquez l’unité (par exemple « MWh par an », « % », « salariés »).");
            if (string.IsNullOrWhiteSpace(Target)) state.AddModelError($"Form.{nameof(Target)}", "Indiquez la valeur visée.");
        }
        if (DueDate is null || (DueDate < today && DueDate != keptDueDate))
            state.AddModelError($"Form.{nameof(DueDate)}", "Choisissez une date d’échéance à venir.");
        Required(state, nameof(Carrier), Carrier, 200, "Indiquez qui porte l’engagement.");
        if (!state.IsValid) return null;
        return new CommitmentTerms("", Indicator, Unit, baseline, target, IsDeliverable ? Deliverable : null, DueDate!.Value, Carrier!);
    }

    /// <summary>A number as a French person types it: « 1 200,5 », « 1200.5 »; null when it is not one.</summary>
    public static decimal? Parse(string text) =>
        decimal.TryParse(text.Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace('.', ','), NumberStyles.Number, French.Culture,
            out var value) && Math.Abs(value) < 1_000_000_000_000m ? value : null;

    private static decimal? Number(ModelStateDictionary state, string field, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Parse(text) is { } value) return value;
        state.AddModelError($"Form.{field}", $"{label} s’écrit en chiffres (par exemple 12,5).");
        return null;
    }

    private static void Required(ModelStateDictionary state, string field, string? text, int maxLength, string message)
    {
        if (string.IsNullOrWhiteSpace(text)) state.AddModelError($"Form.{field}", message);
        else if (text.Trim().Length > maxLength) state.AddModelError($"Form.{field}", $"{maxLength} caractères au plus.");
    }
}
