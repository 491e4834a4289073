namespace Assett.Referentials.Packages;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A problem found in a package or a case file, located by file and line (1-based).</summary>
public sealed record Diagnostic(Severity Severity, string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Collects every diagnostic of a load, so all of them are reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Errors => _items.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => _items.Where(d => d.Severity == Severity.Warning);

    public void Error(string file, int line, string message) => _items.Add(new(Severity.Error, file, line, message));
    public void Warning(string file, int line, string message) => _items.Add(new(Severity.Warning, file, line, message));
}
