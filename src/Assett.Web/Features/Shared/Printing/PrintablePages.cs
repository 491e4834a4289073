using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Assett.Web.Features.Shared.Printing;

/// <summary>
/// A printable page as one self-contained HTML document: the same partial the page shows, with the
/// print stylesheet inlined. The PDF (<see cref="PdfPrinter"/>) and the officers' downloads use it.
/// </summary>
public sealed class PrintablePages(IRazorViewEngine views, ITempDataProvider tempData, IWebHostEnvironment environment)
{
    private string? _style;

    /// <summary>A name for a file: « campagne-2027 » for « Campagne 2027 ».</summary>
    public static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    /// <summary>The partial <paramref name="partial"/> (a path from the app's root) rendered with <paramref name="model"/>, alone.</summary>
    public async Task<string> RenderAsync(HttpContext http, string partial, object model, string title)
    {
        var result = views.GetView(executingFilePath: null, partial, isMainPage: false);
        if (!result.Success) throw new InvalidOperationException($"The partial {partial} is not found.");
        await using var writer = new StringWriter();
        var context = new ViewContext(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()), result.View,
            new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model },
            new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await result.View.RenderAsync(context);
        _style ??= await File.ReadAllTextAsync(Path.Combine(environment.WebRootPath, "css", "printable.css"));
        return $"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>{System.Net.WebUtility.HtmlEncode(title)}</title><style>{_style}</style></head>
            <body class="assett-printable">{writer}</body></html>
            """;
    }
}
