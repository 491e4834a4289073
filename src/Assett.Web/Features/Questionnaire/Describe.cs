using System.Globalization;
using Assett.Data.Assessments;

namespace Assett.Web.Features.Questionnaire;

/// <summary>Statuses and changes in the words of the questionnaire.</summary>
public static class Describe
{
    public static readonly CultureInfo French = new("fr-FR");

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
        StatusKinds.Detaille => string.Create(French, $"détaillé : {status.Fait:P0} fait, {status.Programme:P0} programmé, {status.PasFait:P0} pas fait"),
        var kind => Choices.First(c => c.Kind == kind).Label.ToLower(French),
    };

    public static string Conflict(TaskStatusEntry theirs) =>
        $"{theirs.UpdatedBy} a modifié cette réponse entre-temps ({Status(theirs.Status)}, le {theirs.UpdatedAt.ToOffset(TimeSpan.Zero).ToString("d MMMM 'à' HH:mm", French)} UTC). " +
        "Votre réponse n’a pas été enregistrée : vérifiez la sienne, puis enregistrez de nouveau si besoin.";
}
