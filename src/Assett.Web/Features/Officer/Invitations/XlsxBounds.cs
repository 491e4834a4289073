using System.IO.Compression;
using System.Xml;

namespace Assett.Web.Features.Officer.Invitations;

/// <summary>
/// How far an XLSX file's worksheets reach, read from their XML as a stream before any row is built:
/// a one-kilobyte file can declare a cell at <c>XFD1048576</c>, and a reader that fills the missing
/// rows and columns would build a million rows of 16,384 cells. Bounded memory whatever the file.
/// </summary>
public static class XlsxBounds
{
    /// <summary>The uncompressed XML read at most, against a « zip bomb ».</summary>
    private const long MaximumXmlBytes = 100_000_000;

    /// <summary>The highest row and column (1-based) that any worksheet declares or uses.</summary>
    public static (int Rows, int Columns) Read(Stream file)
    {
        using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        var (rows, columns) = (0, 0);
        long budget = MaximumXmlBytes;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
                     && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            if ((budget -= entry.Length) < 0) throw new InvalidDataException("The worksheets are too large.");
            using var xml = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                var reference = xml.LocalName switch
                {
                    "dimension" => xml.GetAttribute("ref")?.Split(':')[^1],
                    "c" => xml.GetAttribute("r"),
                    "row" => xml.GetAttribute("r") is { } row ? "A" + row : null,
                    _ => null,
                };
                if (reference is null || Cell(reference) is not { } cell) continue;
                (rows, columns) = (Math.Max(rows, cell.Row), Math.Max(columns, cell.Column));
            }
        }
        return (rows, columns);
    }

    /// <summary>The row and column of a reference such as <c>B12</c>, or null when it is not one.</summary>
    private static (int Row, int Column)? Cell(string reference)
    {
        var (column, i) = (0, 0);
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            column = Math.Min(column * 26 + char.ToUpperInvariant(reference[i]) - 'A' + 1, 1_000_000);
        return column > 0 && int.TryParse(reference.AsSpan(i), out var row) && row > 0 ? (row, column) : null;
    }
}
