using Assett.Data.Assessments;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>Statuses and changes in the words of the questionnaire.</summary>
public static class Describe
{
    public static readonly IReadOnlyList<(string Kind, string Label)> Choices =
    [
        (StatusKinds.Fait, "Fait"),
        (StatusKinds.Programme, "Programmé"),
        (StatusKinds.PasFait, "Pas fait"),
        (StatusKinds.NonConcerne, "Non concerné"),
        (StatusKinds.Detaille, "Avancement détaillé"),
    ];

    public static string Status(StatusValue? status) => status?.Kind switch
    {
        null or StatusKinds.NonRenseigne => "non renseigné",
        StatusKinds.Detaille => string.Create(French.Culture,
            $"détaillé : {status.Fait:P0} fait, {status.Programme:P0} programmé, {status.PasFait:P0} pas fait"),
        var kind => Choices.First(c => c.Kind == kind).Label.ToLower(French.Culture),
    };

    /// <summary>
    /// An answer as one string, the same from a stored status or from the form: the plain form posts the
    /// one it showed, so that tasks left as they were are not saved again (nor seen as conflicts).
    /// </summary>
    public static string Signature(string? kind, double? faitPercent, double? programmePercent, string? comment) =>
        kind == StatusKinds.Detaille
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{kind}|{Math.Round(faitPercent ?? 0)}|{Math.Round(programmePercent ?? 0)}|{comment?.Trim()}")
            : $"{kind}|||{comment?.Trim()}";

    public static string Signature(TaskStatusEntry? entry) =>
        Signature(entry?.Status.Kind, entry?.Status.Fait * 100, entry?.Status.Programme * 100, entry?.Comment);

    public static string Conflict(TaskStatusEntry theirs, TimeZoneInfo zone) =>
        $"{theirs.UpdatedBy} a modifié cette réponse entre-temps ({Status(theirs.Status)}, le {French.At(theirs.UpdatedAt, zone)}). " +
        "Votre réponse, restée ci-dessous, n’a pas été enregistrée : vérifiez la sienne, puis enregistrez de nouveau pour la remplacer.";
}
