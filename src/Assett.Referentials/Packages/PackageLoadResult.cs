namespace Assett.Referentials.Packages;

/// <summary>What loading a package gives: the package when it could be built, and every diagnostic.</summary>
public sealed record PackageLoadResult(ReferentialPackage? Package, DiagnosticBag Diagnostics)
{
    public bool Succeeded => Package is not null && !Diagnostics.HasErrors;
}
