namespace Assett.Referentials.Packages;

/// <summary>A markdown file of a package: its path as shown in diagnostics, and its text.</summary>
public sealed record PackageFile(string Path, string Content);

/// <summary>Loads a referential package; never throws on bad input, every problem becomes a diagnostic.</summary>
public static class PackageLoader
{
    public static PackageLoadResult Load(string folder)
    {
        var diagnostics = new DiagnosticBag();
        var root = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            diagnostics.Error(folder, 0, "package folder not found");
            return new PackageLoadResult(null, diagnostics);
        }
        var shownFrom = System.IO.Path.GetDirectoryName(root.TrimEnd('/')) ?? root;
        var files = new List<PackageFile>();
        foreach (var path in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var shown = System.IO.Path.GetRelativePath(shownFrom, path);
            try
            {
                files.Add(new PackageFile(shown, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(shown, 0, $"cannot read the file: {e.Message}");
            }
        }
        return Load(files, diagnostics);
    }

    public static PackageLoadResult Load(IEnumerable<PackageFile> files, DiagnosticBag? diagnostics = null)
    {
        diagnostics ??= new DiagnosticBag();
        var drafts = new List<Draft>();
        foreach (var file in files)
            drafts.AddRange(PackageFileParser.Parse(file.Path, file.Content, diagnostics));
        var package = PackageBuilder.Build(drafts, diagnostics);
        return new PackageLoadResult(package, diagnostics);
    }
}
