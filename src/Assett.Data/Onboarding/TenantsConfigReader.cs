using System.Text.RegularExpressions;
using Assett.Data.Organisations;
using Assett.Referentials.Packages;
using Cronos;
using YamlDotNet.RepresentationModel;

namespace Assett.Data.Onboarding;

/// <summary>
/// Reads and checks a <c>tenants-config/</c> folder: every <c>&lt;slug&gt;/tenant.yaml</c> and the
/// referential packages they use. Every mistake is reported (file, line, field), none stops the others.
/// </summary>
public sealed partial class TenantsConfigReader
{
    public const string TenantFile = "tenant.yaml";
    public const string ReferentialsFolder = "referentiels";

    private static readonly string[] TenantKeys =
    [
        "identifier", "name", "display_name", "siren", "hosts", "public_host", "time_zone", "logo", "officers",
        "referential", "campaigns", "schedules", "charter", "legal",
    ];

    private readonly string _root;
    private readonly string _shownRoot;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly ReferentialComposer _composer;
    private IReadOnlyList<Labelling.EvidenceTask> _evidence = [];

    private TenantsConfigReader(string root)
    {
        _root = Path.GetFullPath(root);
        _shownRoot = Path.GetFileName(_root.TrimEnd('/'));
        _composer = new ReferentialComposer(_root, _shownRoot, _diagnostics);
    }

    public static (IReadOnlyList<TenantDefinition> Tenants, DiagnosticBag Diagnostics) Read(string root)
    {
        var reader = new TenantsConfigReader(root);
        return (reader.ReadAll(), reader._diagnostics);
    }

    private List<TenantDefinition> ReadAll()
    {
        var tenants = new List<TenantDefinition>();
        if (!Directory.Exists(_root))
        {
            _diagnostics.Error(_shownRoot, 0, "the tenants-config folder does not exist");
            return tenants;
        }
        var hosts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        _evidence = EvidenceMappingReader.Read(_root, _shownRoot, _diagnostics);
        foreach (var folder in Directory.GetDirectories(_root).Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileName(folder);
            if (slug is ReferentialsFolder or EvidenceMappingReader.Folder || slug.StartsWith('.')) continue;
            var file = Path.Combine(folder, TenantFile);
            if (!File.Exists(file))
            {
                _diagnostics.Warning(Shown(folder), 0, $"no {TenantFile}: not a tenant, ignored");
                continue;
            }
            if (ReadTenant(folder, slug, hosts) is { } tenant) tenants.Add(tenant);
        }
        return tenants;
    }

    private string Shown(string path) => Path.Combine(_shownRoot, Path.GetRelativePath(_root, path));

    private TenantDefinition? ReadTenant(string folder, string slug, Dictionary<string, string> hostsSeen)
    {
        var file = Shown(Path.Combine(folder, TenantFile));
        var errorsBefore = _diagnostics.Errors.Count();
        if (YamlFields.LoadMapping(Path.Combine(folder, TenantFile), file, _diagnostics,
                "tenant.yaml must be a set of 'key: value' lines (identifier, name, referential...)") is not { } root)
            return null;

        var yaml = new YamlFields(root, file, "", _diagnostics, TenantKeys);
        var identifier = yaml.Text("identifier", required: true);
        if (identifier is not null && identifier != slug)
            yaml.Error(yaml.Node("identifier")!, "identifier", $"'{identifier}' must be the name of its folder, '{slug}'");
        else if (identifier is not null && !IsIdentifier(identifier))
            yaml.Error(yaml.Node("identifier")!, "identifier", "use lower-case letters, digits and dashes (e.g. grand-poitiers)");
        var name = yaml.Text("name", required: true);
        var displayName = yaml.Text("display_name");
        var siren = yaml.Text("siren");
        if (siren is not null && !FrenchIdentifiers.IsValidSiren(siren))
            yaml.Error(yaml.Node("siren")!, "siren", $"'{siren}' is not a valid SIREN (9 digits with a valid check digit)");
        var timeZone = yaml.Text("time_zone") ?? "Europe/Paris";
        if (!IsIanaTimeZone(timeZone))
            yaml.Error(yaml.Node("time_zone")!, "time_zone", $"unknown IANA time zone '{timeZone}' (e.g. Europe/Paris, Indian/Mayotte)");

        var hosts = ReadHosts(yaml, slug, hostsSeen);
        var publicHost = yaml.Text("public_host")?.ToLowerInvariant();
        if (publicHost is not null && !hosts.Contains(publicHost))
            yaml.Error(yaml.Node("public_host")!, "public_host", $"'{publicHost}' must be one of the territory's hosts ({string.Join(", ", hosts)})");
        var (logo, logoType) = ReadLogo(yaml, folder);
        var charter = ReadCharter(yaml, folder);
        var officers = ReadOfficers(yaml);
        var campaigns = ReadCampaigns(yaml);
        var schedules = yaml.Mapping("schedules", "reminders", "cohort_report");
        var reminders = Cron(schedules, "reminders");
        var report = Cron(schedules, "cohort_report");
        var legal = yaml.Mapping("legal", "publication_director", "dpo_email", "accessibility_email");
        var director = legal?.Text("publication_director");
        var (dpoEmail, accessibilityEmail) = (EmailOf(legal, "dpo_email"), EmailOf(legal, "accessibility_email"));
        var referential = _composer.Compose(yaml, folder);

        if (_diagnostics.Errors.Count() > errorsBefore || identifier is null || name is null || referential is null)
            return null;
        return new TenantDefinition
        {
            Identifier = identifier,
            Name = name,
            DisplayName = displayName ?? name,
            Siren = siren,
            Hosts = hosts,
            PublicHost = publicHost,
            TimeZone = timeZone,
            Logo = logo,
            LogoContentType = logoType,
            Officers = officers,
            Campaigns = campaigns,
            ReminderSchedule = reminders,
            ReportSchedule = report,
            Charter = charter,
            PublicationDirector = director,
            DpoEmail = dpoEmail,
            AccessibilityEmail = accessibilityEmail,
            Referential = referential,
            Evidence = _evidence,
        };
    }

    /// <summary>A territory's identifier (its folder's name): lower-case letters, digits and dashes.</summary>
    public static bool IsIdentifier(string slug) => SlugPattern().IsMatch(slug);

    private static bool IsIanaTimeZone(string id) =>
        (id.Contains('/') || id == "UTC") && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private List<string> ReadHosts(YamlFields yaml, string slug, Dictionary<string, string> hostsSeen)
    {
        var hosts = new List<string>();
        foreach (var (host, node) in yaml.TextList("hosts"))
        {
            var normalized = host.ToLowerInvariant();
            if (!HostPattern().IsMatch(normalized))
                yaml.Error(node, "hosts", $"'{host}' is not a host name (e.g. assett.grandpoitiers.fr)");
            else if (hostsSeen.TryGetValue(normalized, out var owner))
                yaml.Error(node, "hosts", $"'{host}' is already a host of '{owner}'");
            else
            {
                hostsSeen[normalized] = slug;
                hosts.Add(normalized);
            }
        }
        return hosts;
    }

    private (byte[]?, string?) ReadLogo(YamlFields yaml, string folder)
    {
        if (yaml.Text("logo") is not { } logo) return (null, null);
        var type = Path.GetExtension(logo).ToLowerInvariant() switch
        {
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            _ => null,
        };
        if (type is null)
        {
            yaml.Error(yaml.Node("logo")!, "logo", $"'{logo}' must be an .svg, .png or .jpg file");
            return (null, null);
        }
        var bytes = ReadFileBytes(yaml, folder, "logo", logo);
        if (bytes is { Length: > 512 * 1024 })
        {
            yaml.Error(yaml.Node("logo")!, "logo", "the logo must weigh less than 512 KB");
            return (null, null);
        }
        return (bytes, type);
    }

    /// <summary><c>charter: { version: 2, file: charte.md }</c>: only a new version asks the organisations again.</summary>
    private CharterDefinition? ReadCharter(YamlFields yaml, string folder)
    {
        if (yaml.Node("charter") is YamlScalarNode scalar)
        {
            yaml.Error(scalar, "charter", "write the version and the file, e.g. 'charter: { version: 1, file: charte.md }'");
            return null;
        }
        if (yaml.Mapping("charter", "version", "file") is not { } charter) return null;
        var version = charter.Text("version", required: true);
        var text = charter.Text("file", required: true) is not null ? ReadFile(charter, folder, "file") : null;
        if (version is not null && (!int.TryParse(version, out var number) || number < 1))
        {
            charter.Error(charter.Node("version")!, charter.Field("version"), $"'{version}' is not a version number (1, 2, 3...)");
            return null;
        }
        if (text is not null && string.IsNullOrWhiteSpace(text))
            charter.Error(charter.Node("file")!, charter.Field("file"), "the charter's file is empty");
        return version is null || string.IsNullOrWhiteSpace(text) ? null : new CharterDefinition(int.Parse(version), text);
    }

    private string? ReadFile(YamlFields yaml, string folder, string key) =>
        yaml.Text(key) is { } name && ReadFileBytes(yaml, folder, key, name) is { } bytes
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : null;

    private static byte[]? ReadFileBytes(YamlFields yaml, string folder, string key, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            yaml.Error(yaml.Node(key)!, yaml.Field(key), $"file '{name}' not found in the tenant's folder");
            return null;
        }
        return File.ReadAllBytes(path);
    }

    private List<OfficerDefinition> ReadOfficers(YamlFields yaml)
    {
        var officers = new List<OfficerDefinition>();
        var items = yaml.MappingList("officers");
        for (var i = 0; i < items.Count; i++)
        {
            var officer = yaml.Item(items[i], "officers", i, "name", "email");
            var name = officer.Text("name", required: true);
            var email = officer.Text("email", required: true);
            if (email is not null && !EmailPattern().IsMatch(email))
                officer.Error(officer.Node("email")!, officer.Field("email"), $"'{email}' is not an email address");
            else if (email is not null && officers.Any(o => string.Equals(o.Email, email, StringComparison.OrdinalIgnoreCase)))
                officer.Error(officer.Node("email")!, officer.Field("email"), $"'{email}' is listed twice");
            else if (name is not null && email is not null)
                officers.Add(new OfficerDefinition(name, email.ToLowerInvariant()));
        }
        return officers;
    }

    private List<CampaignDefinition> ReadCampaigns(YamlFields yaml)
    {
        var campaigns = new List<CampaignDefinition>();
        var items = yaml.MappingList("campaigns");
        for (var i = 0; i < items.Count; i++)
        {
            var campaign = yaml.Item(items[i], "campaigns", i, "name", "opens", "closes");
            var name = campaign.Text("name", required: true);
            var opens = Date(campaign, "opens");
            var closes = Date(campaign, "closes");
            if (opens is not null && closes is not null && closes < opens)
                campaign.Error(campaign.Node("closes")!, campaign.Field("closes"), $"{closes:yyyy-MM-dd} is before the opening, {opens:yyyy-MM-dd}");
            else if (name is not null && campaigns.Any(c => c.Name == name))
                campaign.Error(campaign.Node("name")!, campaign.Field("name"), $"two campaigns are named '{name}'");
            else if (opens is not null && closes is not null && campaigns.FirstOrDefault(c => c.Opens <= closes && opens <= c.Closes) is { } other)
                campaign.Error(campaign.Node("opens")!, campaign.Field("opens"),
                    $"{opens:yyyy-MM-dd} → {closes:yyyy-MM-dd} overlaps '{other.Name}' ({other.Opens:yyyy-MM-dd} → {other.Closes:yyyy-MM-dd}): " +
                    "a territory's campaigns follow each other");
            else if (name is not null && opens is not null && closes is not null)
                campaigns.Add(new CampaignDefinition(name, opens.Value, closes.Value));
        }
        return campaigns;
    }

    private static DateOnly? Date(YamlFields yaml, string key)
    {
        if (yaml.Text(key, required: true) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date)) return date;
        yaml.Error(yaml.Node(key)!, yaml.Field(key), $"'{text}' is not a date written yyyy-mm-dd");
        return null;
    }

    private static string? EmailOf(YamlFields? legal, string key)
    {
        if (legal?.Text(key) is not { } email) return null;
        if (EmailPattern().IsMatch(email)) return email.ToLowerInvariant();
        legal.Error(legal.Node(key)!, legal.Field(key), $"'{email}' is not an email address");
        return null;
    }

    private static string? Cron(YamlFields? schedules, string key)
    {
        if (schedules?.Text(key) is not { } expression) return null;
        try
        {
            CronExpression.Parse(expression);
            return expression;
        }
        catch (CronFormatException e)
        {
            schedules.Error(schedules.Node(key)!, schedules.Field(key),
                $"'{expression}' is not a cron expression of 5 fields (minute hour day month weekday): {e.Message}");
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
