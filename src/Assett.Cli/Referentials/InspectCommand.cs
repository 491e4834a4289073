using System.CommandLine;
using System.Text.Json;
using Assett.Referentials.Packages;

namespace Assett.Cli.Referentials;

/// <summary><c>assett referential inspect &lt;package&gt; [--json]</c>: what a package holds, and its warnings.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "The package folder." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("inspect", "Count a package's nodes per level, its points per axis, questions and rules.") { package, json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var result = PackageLoader.Load(parseResult.GetValue(package)!);
            if (!PackageReport.WriteDiagnostics(result.Diagnostics, error) || result.Package is not { } loaded)
                return 1;
            if (parseResult.GetValue(json)) WriteJson(loaded, output);
            else WriteText(loaded, output);
            return 0;
        });
        return command;
    }

    private static void WriteJson(ReferentialPackage package, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = PackageReport.JsonEncoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("referentiel", package.ReferentialId);
            writer.WriteStartObject("niveaux_hierarchie");
            foreach (var level in package.Hierarchy)
                writer.WriteNumber(level, package.NodesAtLevel(level).Count());
            writer.WriteEndObject();
            writer.WriteNumber("feuilles", package.Nodes.Count(n => n.IsLeaf));
            writer.WriteNumber("point_referentiel", PackageReport.Round(package.Root.Points));
            writer.WriteStartObject("axes");
            foreach (var axis in package.Root.Children)
                writer.WriteNumber(axis.Id, PackageReport.Round(axis.Points));
            writer.WriteEndObject();
            writer.WriteNumber("questions", package.Questions.Count);
            writer.WriteNumber("regles", package.Rules.Count);
            writer.WriteStartArray("warnings");
            foreach (var warning in package.Diagnostics.Warnings) writer.WriteStringValue(warning.ToString());
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteText(ReferentialPackage package, TextWriter output)
    {
        output.WriteLine($"Référentiel {package.ReferentialId} « {package.Root.Title} »");
        foreach (var level in package.Hierarchy)
            output.WriteLine($"  {level,-14} {package.NodesAtLevel(level).Count(),6}");
        output.WriteLine($"  {"(feuilles)",-14} {package.Nodes.Count(n => n.IsLeaf),6}");
        output.WriteLine($"Points : {PackageReport.Round(package.Root.Points)}");
        foreach (var axis in package.Root.Children)
            output.WriteLine($"  {axis.Id,-14} {PackageReport.Round(axis.Points),8}  {axis.Title}");
        output.WriteLine($"Questions : {package.Questions.Count}, règles : {package.Rules.Count}, documents attendus : {package.EvidenceDocuments.Count}");
        if (package.MaturityLevels.Count > 0)
            output.WriteLine($"Niveaux de maturité : {string.Join(" · ", package.MaturityLevels.Select(l => $"{l.Name} ≥ {l.MinimumPercent} %"))}");
        output.WriteLine($"Avertissements : {package.Diagnostics.Warnings.Count()}");
    }
}
