using System.Text.RegularExpressions;

namespace Assett.Referentials.Packages;

/// <summary>A line-level view of a markdown file: headings, fenced blocks and the text between them.</summary>
internal abstract record MarkdownElement(int Line);

internal sealed record Heading(int Line, int Level, string Text) : MarkdownElement(Line);

/// <summary>A fenced block; <see cref="Line"/> is the opening fence, the content starts on the next line.</summary>
internal sealed record FencedBlock(int Line, string Info, string Content) : MarkdownElement(Line);

internal sealed record TextLine(int Line, string Text) : MarkdownElement(Line);

internal static partial class MarkdownScanner
{
    public static List<MarkdownElement> Scan(string text)
    {
        var elements = new List<MarkdownElement>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = FencePattern().Match(line);
            if (fence.Success)
            {
                var marker = fence.Groups[1].Value;
                var start = i;
                var content = new List<string>();
                for (i++; i < lines.Length && !IsClosingFence(lines[i], marker); i++) content.Add(lines[i]);
                elements.Add(new FencedBlock(start + 1, fence.Groups[2].Value.Trim().ToLowerInvariant(), string.Join('\n', content)));
                continue;
            }
            var heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                var headingText = TrailingHashes().Replace(heading.Groups[2].Value, "").Trim();
                elements.Add(new Heading(i + 1, heading.Groups[1].Length, headingText));
                continue;
            }
            elements.Add(new TextLine(i + 1, line));
        }
        return elements;
    }

    private static bool IsClosingFence(string line, string marker)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]);
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})\s*([^`]*)$")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\s#+\s*$")]
    private static partial Regex TrailingHashes();
}
