namespace Assett.Data.Tests.Onboarding;

/// <summary>A temporary tenants-config folder holding the example's synthetic referential and the given files.</summary>
public sealed class ConfigFolder : IDisposable
{
    public ConfigFolder()
    {
        Root = Path.Combine(Directory.CreateTempSubdirectory("assett-config-").FullName, "tenants-config");
        var source = Path.Combine(Example, "referentiels", "demo-entreprises");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            Write(Path.Combine("referentiels", "demo-entreprises", Path.GetRelativePath(source, file)), File.ReadAllText(file));
    }

    public string Root { get; }

    /// <summary>The repository's own tenants-config folder: the real territories.</summary>
    public static string Repository => Path.Combine(RepositoryRoot.Find(), "tenants-config");

    /// <summary>A small example configuration: two territories on a synthetic referential, one with an overlay.</summary>
    public static string Example => Path.Combine(RepositoryRoot.Find(), "tests", "Assett.Data.Tests", "Onboarding", "Example");

    public ConfigFolder Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public ConfigFolder CopyExampleTenant(string slug)
    {
        var source = Path.Combine(Example, slug);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            Write(Path.Combine(slug, Path.GetRelativePath(source, file)), File.ReadAllText(file));
        return this;
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
}
