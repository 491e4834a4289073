using System.Text.RegularExpressions;
using Assett.Data.Labelling;
using Assett.Referentials.Packages;
using YamlDotNet.RepresentationModel;

namespace Assett.Data.Onboarding;

/// <summary>
/// Reads <c>labelling/territoire-engage.yaml</c> of a <c>tenants-config/</c> folder: the tasks of
/// « Territoire engagé » the cohort documents (docs/labelling.md). Absent, no task is documented;
/// every mistake is reported with its line and field.
/// </summary>
public static partial class EvidenceMappingReader
{
    public const string Folder = "labelling";
    public const string File = "territoire-engage.yaml";

    private static readonly string[] TaskKeys = ["cae", "title", "evidence", "shows", "done", "planned"];

    /// <summary>The snake-case name of a counter or section in the YAML (<c>meetings_held</c>).</summary>
    public static string NameOf(Enum value) => SnakeCase().Replace(value.ToString(), "$1_$2").ToLowerInvariant();

    public static IReadOnlyList<EvidenceTask> Read(string root, string shownRoot, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(root, Folder, File);
        if (!System.IO.File.Exists(path)) return [];
        var shown = Path.Combine(shownRoot, Folder, File);
        if (YamlFields.LoadMapping(path, shown, diagnostics, "write 'tasks:' followed by the list of tasks") is not { } mapping) return [];
        var yaml = new YamlFields(mapping, shown, "", diagnostics, "tasks");
        var tasks = new List<EvidenceTask>();
        var items = yaml.MappingList("tasks");
        for (var index = 0; index < items.Count; index++)
        {
            var item = yaml.Item(items[index], "tasks", index, TaskKeys);
            if (ReadTask(item) is not { } task) continue;
            if (tasks.Any(t => t.CaeId == task.CaeId))
                item.Error(item.Node("cae")!, item.Field("cae"), $"'{task.CaeId}' is already described above");
            else tasks.Add(task);
        }
        return tasks;
    }

    private static EvidenceTask? ReadTask(YamlFields item)
    {
        var cae = item.Text("cae", required: true);
        if (cae is not null && !CaeId().IsMatch(cae))
        {
            item.Error(item.Node("cae")!, item.Field("cae"), $"'{cae}' is not a task id of the CAE referential (e.g. cae_6.1.1.3.1)");
            cae = null;
        }
        var title = item.Text("title", required: true);
        var evidence = item.Text("evidence", required: true);
        var sections = new List<EvidenceSection>();
        foreach (var (name, node) in item.TextList("shows"))
        {
            if (Parse<EvidenceSection>(name) is { } section) sections.Add(section);
            else item.Error(node, item.Field("shows"), $"unknown table '{name}' (known: {Names<EvidenceSection>()})");
        }
        var done = Thresholds(item, "done");
        var planned = Thresholds(item, "planned");
        if (done.Count == 0 && item.Node("done") is null)
            item.Error(item.Node("cae") ?? item.Node("title")!, item.Field("done"), "missing: the thresholds that propose « fait »");
        if (cae is null || title is null || evidence is null) return null;
        return new EvidenceTask { CaeId = cae, Title = title, Evidence = evidence, Sections = sections, Done = done, Planned = planned };
    }

    private static List<EvidenceThreshold> Thresholds(YamlFields item, string key)
    {
        var thresholds = new List<EvidenceThreshold>();
        if (item.Mapping(key, [.. Enum.GetValues<EvidenceCounter>().Select(c => NameOf(c))]) is not { } mapping) return thresholds;
        foreach (var (name, nameNode, value) in mapping.Entries())
        {
            if (Parse<EvidenceCounter>(name) is not { } counter) continue; // reported as an unknown key
            if (value is YamlScalarNode { Value: { } text } && int.TryParse(text, out var atLeast) && atLeast >= 1)
                thresholds.Add(new EvidenceThreshold(counter, atLeast));
            else mapping.Error(nameNode, mapping.Field(name), $"'{(value as YamlScalarNode)?.Value}' must be a whole number, 1 or more");
        }
        return thresholds;
    }

    private static T? Parse<T>(string name) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => NameOf(v!.Value) == name);

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => NameOf(v)));

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"^cae_\d+(\.\d+){2,}$")]
    private static partial Regex CaeId();
}
