using System.Text.Encodings.Web;
using System.Text.Unicode;
using Assett.Referentials.Packages;

namespace Assett.Cli.Referentials;

/// <summary>How the referential commands print diagnostics and numbers.</summary>
internal static class PackageReport
{
    /// <summary>Accented ids and titles stay readable in JSON.</summary>
    public static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Writes every diagnostic as <c>file:line: message</c>; false when there is an error.</summary>
    public static bool WriteDiagnostics(DiagnosticBag diagnostics, TextWriter error)
    {
        foreach (var diagnostic in diagnostics.Items)
            error.WriteLine(diagnostic.Severity == Severity.Error ? $"{diagnostic}" : $"{diagnostic.File}:{diagnostic.Line}: warning: {diagnostic.Message}");
        return !diagnostics.HasErrors;
    }

    /// <summary>3 decimals, half away from zero: the only rounding, at the very end.</summary>
    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
