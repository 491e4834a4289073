using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Assett.Web.Features.Shared.Forms;

/// <summary>
/// The DSFR shows nothing under a field until it is in error: its <c>fr-error-text</c> draws a ✖ even when empty. So a
/// <c>&lt;span class="fr-error-text" asp-validation-for="…"&gt;</c> is left out of the page while its field has no error.
/// </summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ErrorTextTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public required ModelExpression For { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public required ViewContext ViewContext { get; set; }

    // After ASP.NET Core's own validation-message helper, which writes the message.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(For.Name, out var entry) && entry.Errors.Count > 0) return;
        output.SuppressOutput();
    }
}
