using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Xml;
using Assett.Data.Organisations;
using MiniExcelLibs;

namespace Assett.Web.Features.Officer.Invitations;

/// <summary>One row of an invitations file, as read, with its line number in the file.</summary>
public sealed record ImportRow(int Line, string Name, string Siret, string Email);

/// <summary>What was wrong with one line of the file.</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>
/// Reads a file of invitations (columns « nom », « siret », « email », in any order) from CSV, with « ; »
/// or « , » between fields, in UTF-8 or Windows-1252, or from XLSX; then checks every row. A file with
/// a single problem is applied not at all (docs/decisions.md): the officer gets the list of problems, line by line.
/// </summary>
public static class InvitationImport
{
    public const int MaximumRows = 5000;
    private static readonly string[] NameHeaders = ["nom", "organisation", "nom de l'organisation", "raison sociale"];
    private static readonly string[] SiretHeaders = ["siret", "numero siret"];
    private static readonly string[] EmailHeaders = ["email", "e-mail", "courriel", "adresse", "adresse electronique", "mail"];

    public static (List<ImportRow> Rows, List<ImportProblem> Problems) Read(Stream file, string fileName)
    {
        List<string[]> lines;
        try
        {
            lines = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(file) : ReadCsv(file);
        }
        catch (TooLargeException e)
        {
            return ([], [new ImportProblem(0, e.Message)]);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or InvalidOperationException or XmlException)
        {
            return ([], [new ImportProblem(0, "Ce fichier ne peut pas être lu : enregistrez-le au format CSV (séparateur « ; » ou « , ») ou Excel (.xlsx).")]);
        }
        if (lines.Count == 0) return ([], [new ImportProblem(1, "Le fichier est vide.")]);
        var headers = lines[0].Select(Simplify).ToList();
        int Column(string[] names) => headers.FindIndex(h => names.Contains(h));
        var (name, siret, email) = (Column(NameHeaders), Column(SiretHeaders), Column(EmailHeaders));
        if (name < 0 || siret < 0 || email < 0)
            return ([], [new ImportProblem(1, "La première ligne doit nommer les colonnes « nom », « siret » et « email ».")]);
        if (lines.Count - 1 > MaximumRows)
            return ([], [new ImportProblem(0, $"Le fichier contient {lines.Count - 1} lignes : importez-en au plus {MaximumRows} à la fois.")]);

        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        var seen = new Dictionary<string, int>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = lines[i];
            string Field(int column) => column < fields.Length ? fields[column].Trim() : "";
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var row = new ImportRow(i + 1, Field(name), FrenchIdentifiers.Normalize(Field(siret)), Field(email).ToLowerInvariant());
            var before = problems.Count;
            if (row.Name.Length == 0) problems.Add(new(row.Line, "le nom de l’organisation manque."));
            else if (row.Name.Length > 300) problems.Add(new(row.Line, "le nom de l’organisation dépasse 300 caractères."));
            if (!FrenchIdentifiers.IsValidSiret(row.Siret)) problems.Add(new(row.Line, $"le SIRET « {Field(siret)} » n’est pas valide (14 chiffres)."));
            else if (seen.TryGetValue(row.Siret, out var first)) problems.Add(new(row.Line, $"ce SIRET est déjà sur la ligne {first}."));
            if (!IsEmail(row.Email)) problems.Add(new(row.Line, $"l’adresse « {Field(email)} » n’est pas une adresse électronique."));
            if (problems.Count == before) rows.Add(row);
            seen.TryAdd(row.Siret, row.Line);
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new(2, "Le fichier ne contient aucune invitation."));
        return (rows, problems);
    }

    /// <summary>The columns a file may use: the three, and room for others an officer's sheet carries along.</summary>
    private const int MaximumColumns = 50;

    private static List<string[]> ReadXlsx(Stream file)
    {
        if (!file.CanSeek)
        {
            var copy = new MemoryStream();
            file.CopyTo(copy);
            (file = copy).Position = 0;
        }
        var (rows, columns) = XlsxBounds.Read(file);
        if (rows - 1 > MaximumRows)
            throw new TooLargeException($"Le fichier va jusqu’à la ligne {rows} : importez au plus {MaximumRows} lignes à la fois.");
        if (columns > MaximumColumns)
            throw new TooLargeException($"Le fichier a {columns} colonnes : gardez au plus {MaximumColumns} colonnes, dont « nom », « siret » et « email ».");
        file.Position = 0;
        return [.. file.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray())];
    }

    private sealed class TooLargeException(string message) : Exception(message);

    /// <summary>UTF-8 when the bytes are valid UTF-8, else Windows-1252 (Excel's « CSV » in French).</summary>
    private static List<string[]> ReadCsv(Stream file)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding(1252).GetString(bytes);
        }
        var firstLine = text.Split('\n')[0];
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        return Csv(text, separator);
    }

    /// <summary>RFC 4180: fields in double quotes may hold the separator, line breaks and doubled quotes.</summary>
    private static List<string[]> Csv(string text, char separator)
    {
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                lines.Add([.. fields]);
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            lines.Add([.. fields]);
        }
        return lines;
    }

    private static bool IsEmail(string value) =>
        value.Length is > 3 and <= 320 && MailAddress.TryCreate(value, out var address) && address.Address == value
            && value.Contains('.', StringComparison.Ordinal);

    /// <summary>Lower case, without accents or surrounding spaces: « Adresse électronique » → « adresse electronique ».</summary>
    private static string Simplify(string header) =>
        new string(header.Trim().Replace('’', '\'').ToLowerInvariant().Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
}
