using System.CommandLine;
using System.Text.Json;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Cli.Referentials;

/// <summary><c>assett referential evaluate &lt;package&gt; &lt;case.yml&gt; [--json]</c>: scores one case.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "The package folder." };
        var caseFile = new Argument<string>("case") { Description = "The case: Identité, Réponses, Statuts (YAML)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object keyed by node id." };
        var command = new Command("evaluate", "Score a case (identity, answers, statuses) against a package.") { package, caseFile, json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var loaded = PackageLoader.Load(parseResult.GetValue(package)!);
            if (!PackageReport.WriteDiagnostics(loaded.Diagnostics, error) || loaded.Package is not { } referential)
                return 1;

            var casePath = parseResult.GetValue(caseFile)!;
            string text;
            try
            {
                text = File.ReadAllText(casePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{casePath}:0: cannot read the case file: {e.Message}");
                return 1;
            }
            var (input, diagnostics) = CaseFile.Parse(text, casePath, referential);
            if (!PackageReport.WriteDiagnostics(diagnostics, error) || input is null)
                return 1;

            var result = new ReferentialEvaluator(referential).Evaluate(input);
            if (parseResult.GetValue(json)) WriteJson(result, output);
            else WriteText(result, output);
            return 0;
        });
        return command;
    }

    private static void WriteJson(EvaluationResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = PackageReport.JsonEncoder }))
        {
            writer.WriteStartObject();
            foreach (var node in result.Package.Nodes)
            {
                var score = result[node];
                writer.WriteStartObject(node.Id);
                writer.WriteNumber("point_referentiel", PackageReport.Round(node.Points));
                writer.WriteNumber("point_potentiel", PackageReport.Round(score.PointPotentiel));
                if (double.IsNaN(score.PointPotentielPerso)) writer.WriteNull("point_potentiel_perso");
                else writer.WriteNumber("point_potentiel_perso", PackageReport.Round(score.PointPotentielPerso));
                writer.WriteNumber("point_fait", PackageReport.Round(score.PointFait));
                writer.WriteNumber("point_programme", PackageReport.Round(score.PointProgramme));
                writer.WriteNumber("point_pas_fait", PackageReport.Round(score.PointPasFait));
                writer.WriteNumber("point_non_renseigne", PackageReport.Round(score.PointNonRenseigne));
                writer.WriteBoolean("concerne", score.Concerne);
                writer.WriteBoolean("desactive", score.Desactive);
                writer.WriteNumber("total_taches_count", PackageReport.Round(score.TotalTachesCount));
                writer.WriteNumber("completed_taches_count", PackageReport.Round(score.CompletedTachesCount));
                writer.WriteNumber("fait_taches_avancement", PackageReport.Round(score.FaitTachesAvancement));
                writer.WriteNumber("programme_taches_avancement", PackageReport.Round(score.ProgrammeTachesAvancement));
                writer.WriteNumber("pas_fait_taches_avancement", PackageReport.Round(score.PasFaitTachesAvancement));
                writer.WriteNumber("pas_concerne_taches_avancement", PackageReport.Round(score.PasConcerneTachesAvancement));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteText(EvaluationResult result, TextWriter output)
    {
        var package = result.Package;
        var root = result.Root;
        output.WriteLine($"{package.Root.Title} : {root.ScorePercent:0.#} % réalisé, {root.ProgrammePercent:0.#} % programmé "
            + $"({PackageReport.Round(root.PointFait)} / {PackageReport.Round(root.PointPotentiel)} points)"
            + (result.LevelOf(package.Root) is { } level ? $", niveau {level.Name}" : "")
            + $", complétude {root.Completeness:0 %}");
        foreach (var node in package.Nodes.Where(n => n.Depth >= 1 && n.Depth <= package.ActionDepth))
        {
            var score = result[node];
            var indent = new string(' ', 2 * node.Depth);
            var figures = score.Concerne
                ? $"{score.ScorePercent,5:0.#} %  {PackageReport.Round(score.PointFait)} / {PackageReport.Round(score.PointPotentiel)}"
                : "non concerné";
            output.WriteLine($"{indent}{node.Id,-16} {figures}  {node.Title}");
        }
    }
}
