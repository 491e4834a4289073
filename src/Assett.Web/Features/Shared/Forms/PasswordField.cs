namespace Assett.Web.Features.Shared.Forms;

/// <summary>A password input in the DSFR's password component, with its « Afficher » box (<c>_Password.cshtml</c>).</summary>
/// <param name="Name">The posted name (<c>Input.Password</c>); its errors are the model state's under that name.</param>
/// <param name="IsNew">A password being chosen (browsers offer to generate one) rather than typed to sign in.</param>
public sealed record PasswordField(string Name, string Label, bool IsNew)
{
    public string Id => Name.Replace('.', '_');
}
