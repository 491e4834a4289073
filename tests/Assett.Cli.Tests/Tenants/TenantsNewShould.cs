using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.ReferenceData;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Assett.Cli.Tests.Tenants;

public sealed partial class TenantsNewShould(PostgresServer server) : IDisposable
{
    private static readonly string Repository = Path.Combine(RepositoryRoot.Find(), "tenants-config");
    private readonly string _folder = EmptyFolder();

    /// <summary>A tenants-config folder with no territory yet: the schema and the national referential a new file names.</summary>
    private static string EmptyFolder()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("assett-tenants-new-").FullName, "tenants-config");
        var referential = Path.Combine(Repository, "referentiels", "assett-entreprises");
        foreach (var file in Directory.GetFiles(referential, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, "referentiels", "assett-entreprises", Path.GetRelativePath(referential, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        File.Copy(Path.Combine(Repository, "tenant.schema.json"), Path.Combine(folder, "tenant.schema.json"));
        return folder;
    }

    [Theory]
    [InlineData("200069854", "poitiers", "CU du Grand Poitiers", 40, "Europe/Paris")]
    [InlineData("200059871", "centre-ouest", "CC du Centre-Ouest", 5, "Indian/Mayotte")]
    public async Task WriteTheTerritoryFromTheOfficialReferenceData(string siren, string slug, string name, int communes, string timeZone)
    {
        var run = await CliRun.RunAsync("tenants", "new", "--siren", siren, "--slug", slug, "--folder", _folder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith($"Wrote tenants-config/{slug}/tenant.yaml: {name} (SIREN {siren}), {communes} communes, {timeZone}.", run.Output);
        var text = File.ReadAllText(Path.Combine(_folder, slug, "tenant.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=../tenant.schema.json\n", text);
        var yaml = Yaml(text);
        Assert.Equal((slug, name, name, siren, timeZone), (Scalar(yaml, "identifier"), Scalar(yaml, "name"), Scalar(yaml, "display_name"),
            Scalar(yaml, "siren"), Scalar(yaml, "time_zone")));
        Assert.Equal([$"{slug}.assett.localhost"], ((YamlSequenceNode)yaml.Children["hosts"]).Children.Select(h => h.ToString()));
        Assert.Equal("assett-entreprises", Scalar((YamlMappingNode)yaml.Children["referential"], "base"));
        var listed = ListedCommune().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(communes, listed.Count);
        Assert.Equal(Territories.CommunesOf(siren).Select(c => c.Code).Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task ReportEachBlankThenPassOnceFilledThenApplyTheTerritoryAndInviteItsOfficer()
    {
        var settings = CliRun.On(await server.CreateDatabaseAsync());
        var file = Path.Combine(_folder, "centre-ouest", "tenant.yaml");

        var written = await CliRun.RunAsync("tenants", "new", "--siren", "200059871", "--slug", "centre-ouest", "--folder", _folder);
        var blank = await CliRun.RunAsync("tenants", "validate", _folder);
        var refused = await CliRun.RunAsync(settings, "tenants", "apply", _folder);
        File.WriteAllText(Path.Combine(_folder, "centre-ouest", "charte.md"), "## Nos engagements\n\n- Progresser chaque année.\n");
        File.WriteAllText(file, File.ReadAllText(file).Replace("file: À COMPLÉTER", "file: charte.md")
            .Replace("dpo_email: À COMPLÉTER", "dpo_email: dpo@centre-ouest.example")
            .Replace("publication_director: À COMPLÉTER", "publication_director: le président de la communauté de communes")
            .Replace("name: À COMPLÉTER", "name: Chargée de mission transition").Replace("email: À COMPLÉTER", "email: transition@centre-ouest.example"));
        var filled = await CliRun.RunAsync("tenants", "validate", _folder);
        var applied = await CliRun.RunAsync(settings, "tenants", "apply", _folder);

        Assert.True(written.ExitCode == 0, written.Error);
        (int Line, string Field, string Reason)[] blanks =
        [
            (15, "charter.file", "the charter of engagement, a markdown file of the territory's folder (e.g. charte.md)"),
            (19, "officers[0].name", "the name of a territory officer"),
            (20, "officers[0].email", "the officer's email address"),
            (24, "legal.publication_director", "who answers for what the territory's pages publish"),
            (25, "legal.dpo_email", "the address of the territory's data protection officer (DPO)"),
        ];
        var reported = blank.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, blank.ExitCode);
        Assert.Equal(blanks.Length, reported.Length);
        foreach (var ((line, field, reason), error) in blanks.Zip(reported))
        {
            Assert.StartsWith($"tenants-config/centre-ouest/tenant.yaml:{line}: {field}: left blank by 'tenants new', to fill in: {reason}", error);
            Assert.Contains($"  tenants-config/centre-ouest/tenant.yaml:{line}: {field}: {reason}", written.Output);
        }
        Assert.Equal(1, refused.ExitCode);
        Assert.True(filled.ExitCode == 0, filled.Error);
        Assert.Equal("1 tenant(s) valid: centre-ouest", filled.Output.Trim());
        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Contains("centre-ouest: create tenant « CC du Centre-Ouest »", applied.Output);
        Assert.Contains("centre-ouest: add officer transition@centre-ouest.example (invited by email)", applied.Output);

        await using var platform = AssettDbContextOptions.Create(settings["ConnectionStrings:Assett"]!);
        var tenant = await platform.Tenants.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("centre-ouest", "200059871", "Indian/Mayotte"), (tenant.Identifier, tenant.Siren, tenant.TimeZone));
        Assert.Equal("dpo@centre-ouest.example", tenant.Settings.DpoEmail);
        using var scope = new MultiTenantContextAccessor().Change(new TenantInfo(tenant.Id, tenant.Identifier, tenant.Name));
        await using var db = AssettDbContextOptions.Create(settings["ConnectionStrings:Assett"]!);
        Assert.Equal("transition@centre-ouest.example", (await db.OutboxMessages.SingleAsync(TestContext.Current.CancellationToken)).ToAddress);
    }

    [Theory]
    [InlineData("grand-poitiers", "tenants-config/grand-poitiers already exists: choose another slug")]
    [InlineData("referentiels", "tenants-config/referentiels already exists: choose another slug")]
    public async Task RefuseASlugAlreadyUsedAndOverwriteNothing(string slug, string error)
    {
        var before = Directory.GetFiles(Repository, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        var run = await CliRun.RunAsync("tenants", "new", "--siren", "200000172", "--slug", slug, "--folder", Repository);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {error}", run.Error);
        Assert.Equal(before, Directory.GetFiles(Repository, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public async Task RefuseASirenAnotherTerritoryOfTheFolderHas()
    {
        var target = Path.Combine(Repository, "poitiers-bis");
        Assert.False(Directory.Exists(target));
        try
        {
            var repository = await CliRun.RunAsync("tenants", "new", "--siren", "200069854", "--slug", "poitiers-bis", "--folder", Repository);
            await CliRun.RunAsync("tenants", "new", "--siren", "200059871", "--slug", "centre-ouest", "--folder", _folder);
            var halfFilled = await CliRun.RunAsync("tenants", "new", "--siren", "200059871", "--slug", "mayotte-centre", "--folder", _folder);

            Assert.Equal(1, repository.ExitCode);
            Assert.Equal("error: the SIREN 200069854 (CU du Grand Poitiers) is already the territory 'grand-poitiers' "
                + "(tenants-config/grand-poitiers/tenant.yaml)", repository.Error.Trim());
            Assert.False(Directory.Exists(target));
            Assert.Equal(1, halfFilled.ExitCode);
            Assert.StartsWith("error: the SIREN 200059871 (CC du Centre-Ouest) is already the territory 'centre-ouest'", halfFilled.Error);
            Assert.False(Directory.Exists(Path.Combine(_folder, "mayotte-centre")));
        }
        finally
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        }
    }

    [Theory]
    [InlineData("200069855")]
    [InlineData("217400423")] // a commune's SIREN (Bonneville), not an intercommunality's
    [InlineData("pas-un-siren")]
    public async Task RefuseAnUnknownSiren(string siren)
    {
        var run = await CliRun.RunAsync("tenants", "new", "--siren", siren, "--slug", "inconnu", "--folder", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: no intercommunality has the SIREN '{siren}' in the official reference data", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "inconnu")));
    }

    [Theory]
    [InlineData("Grand-Poitiers")]
    [InlineData("grand_poitiers")]
    [InlineData("-poitiers")]
    [InlineData("../poitiers")]
    public async Task RefuseASlugThatIsNotAnIdentifier(string slug)
    {
        var run = await CliRun.RunAsync("tenants", "new", "--siren", "200069854", "--slug", slug, "--folder", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: '{slug}' is not a valid identifier: use lower-case letters, digits and dashes", run.Error);
        Assert.Equal(["referentiels"], Directory.GetDirectories(_folder).Select(Path.GetFileName));
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode mapping, string key) => ((YamlScalarNode)mapping.Children[key]).Value!;

    /// <summary>A commune of the commented list: <c>#   86194 Poitiers</c> (Corsica's codes hold a letter).</summary>
    [GeneratedRegex(@"^#   (\d[\dAB]\d{3}) \S", RegexOptions.Multiline)]
    private static partial Regex ListedCommune();

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
}
