using Markdig;
using Markdig.Syntax;
using Microsoft.AspNetCore.Html;

namespace Assett.Web.Features.Shared;

/// <summary>
/// The markdown of texts the configuration brings (charters), as HTML: raw HTML in them is shown as
/// text, never run, and headings start at the level the page gives them (its own title is the h1).
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static IHtmlContent ToHtml(string markdown, int firstHeading = 2)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        var shift = firstHeading - document.Descendants<HeadingBlock>().Select(h => h.Level).DefaultIfEmpty(firstHeading).Min();
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Clamp(heading.Level + shift, 1, 6);
        return new HtmlString(document.ToHtml(Pipeline));
    }
}
