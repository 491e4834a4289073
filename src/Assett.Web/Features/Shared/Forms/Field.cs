namespace Assett.Web.Features.Shared.Forms;

/// <summary>
/// One text field of a form in the DSFR's pattern (<c>_Field.cshtml</c>): its label, hint, the value as
/// typed, and its error, shown only once there is one.
/// </summary>
public sealed record Field(string Name, string Label, string? Value, string? Error, string? Hint = null, string? InputMode = null,
    string? AutoComplete = null)
{
    public string Id => Name.Replace('.', '_');
}
