using System.Text;

namespace Assett.Web.Features.Shared;

/// <summary>
/// A CSV file for Excel in French: UTF-8 with a byte order mark, « ; » between fields, CRLF lines, and
/// a leading = + - @ tab or carriage return neutralised so that Excel never runs a field as a formula.
/// </summary>
public sealed class CsvFile
{
    private readonly StringBuilder _text = new();

    public CsvFile Line(params IEnumerable<string> fields)
    {
        _text.AppendJoin(';', fields.Select(Field)).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
