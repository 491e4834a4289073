using System.Net;
using System.Text;
using Assett.Data;
using Assett.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Assett.Web.Tests.Features;

/// <summary>An officer invites organisations from a CSV or Excel file: all of them, or none with a line-by-line report.</summary>
public sealed class InvitationImportShould(PostgresServer server) : WebHostTest(server)
{
    private const string Page = $"/t/{TestTerritories.First}/territoire/invitations";
    private HttpClient _officer = null!;

    protected override async Task ArrangeAsync()
    {
        _officer = await Factory.SignedInOfficerAsync(TestTerritories.First, "chargee@territoire.example", MembershipRole.OfficerAdmin);
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task InviteEveryRowOfAWindows1252CsvWithSemicolons()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = Encoding.GetEncoding(1252).GetBytes("Nom;SIRET;Adresse électronique\r\n"
            + "Boulangerie Bérénice;732 829 320 00074;Contact@Berenice.example\r\n"
            + "\"Atelier ; Frères\";35600000000048;atelier@freres.example\r\n");

        var imported = await ImportAsync(csv, "invitations.csv");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("2 invitations envoyées", await _officer.GetStringAsync(Page, TestContext.Current.CancellationToken));
        Assert.Equal(["Atelier ; Frères", "Boulangerie Bérénice"],
            await InTerritoryAsync(db => db.Organisations.Select(o => o.Name).OrderBy(n => n).ToListAsync()));
        Assert.Equal(["atelier@freres.example", "contact@berenice.example"],
            await InTerritoryAsync(db => db.OutboxMessages.Select(m => m.ToAddress).OrderBy(a => a).ToListAsync()));
    }

    [Fact]
    public async Task ApplyNothingAndSayWhichLinesAreWrong()
    {
        var csv = Encoding.UTF8.GetBytes("nom,siret,email\n"
            + "Bonne,73282932000074,bonne@example.fr\n"
            + "Mauvais SIRET,12345678901234,ok@example.fr\n"
            + "Sans adresse,35600000000048,pas-une-adresse\n"
            + "Doublon,73282932000074,autre@example.fr\n");

        var report = await (await ImportAsync(csv, "invitations.csv")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Aucune invitation n’a été envoyée", report);
        Assert.Contains("Ligne 3 : le SIRET « 12345678901234 » n’est pas valide", report);
        Assert.Contains("Ligne 4 : l’adresse « pas-une-adresse » n’est pas une adresse électronique.", report);
        Assert.Contains("Ligne 5 : ce SIRET est déjà sur la ligne 2.", report);
        Assert.Equal(0, await InTerritoryAsync(db => db.Invitations.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task ReadAnExcelFileAndRefuseOneWithoutTheColumns()
    {
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(
            new[] { new Dictionary<string, object> { ["Courriel"] = "direction@lycee.example", ["Nom"] = "Lycée du Bois", ["Siret"] = "73282932000074" } },
            excelType: ExcelType.XLSX, cancellationToken: TestContext.Current.CancellationToken);

        var imported = await ImportAsync(xlsx.ToArray(), "liste.xlsx");
        var withoutColumns = await (await ImportAsync(Encoding.UTF8.GetBytes("a;b\n1;2\n"), "x.csv"))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("direction@lycee.example", await InTerritoryAsync(db => db.Invitations.Select(i => i.Email).SingleAsync()));
        Assert.Contains("Ligne 1 : La première ligne doit nommer les colonnes « nom », « siret » et « email ».", withoutColumns);
    }

    [Fact]
    public async Task SayWhatIsWrongWithASingleInvitation()
    {
        var page = await (await _officer.SubmitAsync(Page, new()
        {
            ["Input.Name"] = "Bonne", ["Input.Siret"] = "12345678901234", ["Input.Email"] = "bonne@example.fr",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.", page);
    }

    [Fact]
    public async Task ResendAPendingInvitationWithANewLink()
    {
        await ImportAsync(Encoding.UTF8.GetBytes("nom;siret;email\nBonne;73282932000074;bonne@example.fr\n"), "a.csv");
        var before = await InTerritoryAsync(db => db.Invitations.SingleAsync());

        var resent = await _officer.SubmitAsync($"{Page}?handler=Resend&id={before.Id}", []);

        var after = await InTerritoryAsync(db => db.Invitations.SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.NotEqual(before.TokenHash, after.TokenHash);
        Assert.Equal(2, await InTerritoryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "bonne@example.fr")));
    }

    [Fact]
    public async Task RefuseAnExcelFileThatReachesFarBeyondItsRowLimitBeforeReadingIt()
    {
        // A valid sheet, then one cell at the last address Excel allows: the file stays tiny.
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(
            new[] { new Dictionary<string, object> { ["nom"] = "Lycée du Bois", ["siret"] = "73282932000074", ["email"] = "direction@lycee.example" } },
            excelType: ExcelType.XLSX, cancellationToken: TestContext.Current.CancellationToken);
        using (var zip = new System.IO.Compression.ZipArchive(xlsx, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(sheet.Open())) xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            sheet.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            await writer.WriteAsync(xml
                .Replace("</x:sheetData>", "<x:row r=\"1048576\"><x:c r=\"XFD1048576\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData>")
                .Replace("</sheetData>", "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"));
        }
        Assert.True(xlsx.Length < 10_000);

        var page = await (await ImportAsync(xlsx.ToArray(), "liste.xlsx")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Le fichier va jusqu’à la ligne 1048576 : importez au plus 5000 lignes à la fois.", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.Invitations.CountAsync()));
    }

    private async Task<HttpResponseMessage> ImportAsync(byte[] file, string name)
    {
        var page = await _officer.GetStringAsync(Page, TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "fichier", name },
        };
        return await _officer.PostAsync($"{Page}?handler=Import", form, TestContext.Current.CancellationToken);
    }
}
