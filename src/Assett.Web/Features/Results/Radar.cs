using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Assett.Web.Features.Results;

/// <summary>
/// A radar chart as server-rendered SVG: one axis per theme, 0 to 100 %. It is an image whose data the
/// page also gives as a table, for screen readers and for print. Its labels are wrapped in short lines and
/// its view box leaves them room on each side, so that every one shows on a phone's width.
/// </summary>
public static class Radar
{
    private const double Size = 360, Center = Size / 2, Radius = 120, Margin = 90;
    private const int LineLength = 16;

    /// <param name="series">Named series of percentages, one value per axis; the first is drawn on top.</param>
    public static string Svg(IReadOnlyList<string> axes, IReadOnlyList<(string Name, string CssClass, IReadOnlyList<double> Values)> series, string titleId)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant(
            $"<svg class=\"assett-radar\" viewBox=\"{-Margin} 0 {Size + 2 * Margin} {Size}\" role=\"img\" aria-labelledby=\"{titleId}\""));
        svg.Append(" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var ring in new[] { 25, 50, 75, 100 })
            svg.Append(Invariant($"<polygon class=\"assett-radar__grid\" points=\"{Points(Enumerable.Repeat((double)ring, axes.Count).ToList())}\"/>"));
        for (var i = 0; i < axes.Count; i++)
        {
            var (x, y) = Point(i, axes.Count, 100);
            var (lx, ly) = Point(i, axes.Count, 128);
            var anchor = Math.Abs(lx - Center) < 1 ? "middle" : lx > Center ? "start" : "end";
            svg.Append(Invariant($"<line class=\"assett-radar__grid\" x1=\"{Center}\" y1=\"{Center}\" x2=\"{x:0.#}\" y2=\"{y:0.#}\"/>"));
            var lines = Lines(axes[i]);
            svg.Append(Invariant($"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">"));
            for (var line = 0; line < lines.Count; line++)
                svg.Append(Invariant(
                    $"<tspan x=\"{lx:0.#}\" dy=\"{(line == 0 ? -(lines.Count - 1) * 0.55 : 1.1):0.##}em\">{HtmlEncoder.Default.Encode(lines[line])}</tspan>"));
            svg.Append("</text>");
        }
        foreach (var (name, cssClass, values) in series.Reverse())
            svg.Append(Invariant($"<polygon class=\"{cssClass}\" points=\"{Points(values)}\"><title>{HtmlEncoder.Default.Encode(name)}</title></polygon>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A label in lines of about <see cref="LineLength"/> characters, cut between words.</summary>
    private static List<string> Lines(string label)
    {
        var lines = new List<string>();
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= LineLength) lines[^1] += " " + word;
            else lines.Add(word);
        return lines;
    }

    private static string Points(IReadOnlyList<double> values) =>
        string.Join(' ', values.Select((v, i) => Point(i, values.Count, Math.Clamp(v, 0, 100))).Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")));

    private static (double X, double Y) Point(int index, int count, double percent)
    {
        var angle = -Math.PI / 2 + 2 * Math.PI * index / count;
        var distance = Radius * percent / 100;
        return (Center + distance * Math.Cos(angle), Center + distance * Math.Sin(angle));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
