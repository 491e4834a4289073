using Assett.Data.Onboarding;

namespace Assett.Data.Tests.Onboarding;

public sealed class TenantsConfigReaderShould
{
    [Fact]
    public void ReadTheRepositoryConfigurationWithoutErrorOrWarning()
    {
        var (tenants, diagnostics) = TenantsConfigReader.Read(ConfigFolder.Repository);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(TenantFolders(ConfigFolder.Repository), tenants.Select(t => t.Identifier));
        Assert.All(tenants, t => Assert.NotEmpty(t.Referential.Package.Nodes));
        // Each laureate's charter of engagement, in its own words.
        Assert.All(tenants, t => Assert.True(t.Charter is { Version: >= 1, Text.Length: > 1000 }, t.Identifier));
        Assert.Equal(tenants.Count, tenants.Select(t => t.Charter!.Text).Distinct().Count());
    }

    [Fact]
    public void ReadAVersionedCharterAndRefuseOverlappingCampaigns()
    {
        using var config = new ConfigFolder()
            .Write("alpha/charte.md", "## Nos engagements\n\n- Progresser chaque année.\n")
            .Write("alpha/tenant.yaml", """
                identifier: alpha
                name: Territoire Alpha
                charter:
                  version: 2
                  file: charte.md
                referential:
                  base: demo-entreprises
                """)
            .Write("beta/tenant.yaml", """
                identifier: beta
                name: Territoire Beta
                charter: charte.md
                referential:
                  base: demo-entreprises
                campaigns:
                  - name: Campagne 2027
                    opens: 2027-01-15
                    closes: 2027-06-30
                  - name: Campagne de rattrapage
                    opens: 2027-06-01
                    closes: 2027-09-30
                """)
            .Write("gamma/tenant.yaml", """
                identifier: gamma
                name: Territoire Gamma
                charter:
                  version: deux
                  file: absente.md
                referential:
                  base: demo-entreprises
                """);

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);
        var errors = diagnostics.Errors.Select(e => e.ToString()).ToList();

        Assert.Equal((2, "## Nos engagements\n\n- Progresser chaque année.\n"), (tenants.Single().Charter!.Version, tenants.Single().Charter!.Text));
        string[] expected =
        [
            "tenants-config/beta/tenant.yaml:3: charter: write the version and the file, e.g. 'charter: { version: 1, file: charte.md }'",
            "tenants-config/beta/tenant.yaml:11: campaigns[1].opens: 2027-06-01 → 2027-09-30 overlaps 'Campagne 2027' (2027-01-15 → 2027-06-30)",
            "tenants-config/gamma/tenant.yaml:4: charter.version: 'deux' is not a version number (1, 2, 3...)",
            "tenants-config/gamma/tenant.yaml:5: charter.file: file 'absente.md' not found in the tenant's folder",
        ];
        foreach (var error in expected)
            Assert.True(errors.Any(e => e.StartsWith(error, StringComparison.Ordinal)), $"missing: {error}\nreported:\n{string.Join("\n", errors)}");
        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void ReadTheTestConfigurationWithoutErrorOrWarning()
    {
        var (tenants, diagnostics) = TenantsConfigReader.Read(TestTerritories.Folder);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(TenantFolders(TestTerritories.Folder), tenants.Select(t => t.Identifier));
        Assert.Equal(TestTerritories.All, tenants.Select(t => (t.Identifier, t.DisplayName)));
        Assert.All(tenants, t => Assert.Equal("assett", t.Referential.ReferentialId));
        Assert.All(tenants, t => Assert.Equal([(TestTerritories.Campaign, new DateOnly(2027, 1, 15), new DateOnly(2027, 6, 30))],
            t.Campaigns.Select(c => (c.Name, c.Opens, c.Closes))));
        Assert.Equal("Indian/Mayotte", tenants.Single(t => t.Identifier == TestTerritories.Overseas).TimeZone);
        var first = tenants.Single(t => t.Identifier == TestTerritories.First);
        Assert.Equal("200023372", first.Siren);
        Assert.Contains(ReferenceData.Territories.CommunesOf(first.Siren!),
            c => (c.Code, c.Name) == (TestTerritories.FirstCommune, TestTerritories.FirstCommuneName));
        Assert.Equal(5, first.Referential.Package.Nodes.Count(n => n.Id.StartsWith("assett_1.L1.") && n.Id.Count(c => c == '.') == 3 && n.Local));
        Assert.Equal(["Chambre consulaire de test"], first.Referential.Package.Partners["assett_1.4"].Select(p => p.Name));
        Assert.Equal(["Plan climat de test d’Essai Nord"], first.Referential.Package.Resources["assett_1.1"].Select(r => r.Name));
    }

    /// <summary>The folders of a tenants-config that hold a tenant.yaml, in the reader's order.</summary>
    private static List<string> TenantFolders(string root) =>
        [.. Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, TenantsConfigReader.TenantFile))).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void ReadTheExampleConfigurationWithoutErrorOrWarning()
    {
        var (tenants, diagnostics) = TenantsConfigReader.Read(ConfigFolder.Example);

        Assert.Empty(diagnostics.Items);
        var poitiers = tenants.Single(t => t.Identifier == "grand-poitiers");
        Assert.Equal("Grand Poitiers", poitiers.DisplayName);
        Assert.Contains(poitiers.Referential.Package.Nodes, n => n.Id == "demo_2.L1" && n.Local);
        Assert.Contains(poitiers.Referential.Package.Files, f => f.Path == "grand-poitiers/overlay/2.L1.md");
        Assert.Single(poitiers.Referential.Package.Resources["demo_1.1"]);
        Assert.Equal(["demo_2.1.2"], tenants.Single(t => t.Identifier == "haut-poitou").Referential.Package.DisabledNodes);
    }

    [Fact]
    public void ReportEveryMistakeWithFileLineAndField()
    {
        using var config = new ConfigFolder()
            .Write("broken/tenant.yaml", "identifier: broken\nname: [pas fermé\n")
            .Write("alpha/tenant.yaml", """
                identifier: alpha
                name: Territoire Alpha
                siren: "123456789"
                time_zone: Europe/Poitiers
                hosts: [partage.example.fr]
                officers:
                  - name: Agent
                    email: pas-une-adresse
                referential:
                  base: demo-entreprises
                  disabled: [demo_9.9]
                campaigns:
                  - name: Campagne
                    opens: 2027-06-30
                    closes: 2027-01-15
                schedules:
                  reminders: tous les lundis
                """)
            .Write("beta/tenant.yaml", """
                identifier: beta
                name: Territoire Beta
                display_nme: Beta
                hosts: [partage.example.fr]
                referential:
                  base: inexistant
                """)
            .Write("gamma/tenant.yaml", """
                identifier: gamma
                name: Territoire Gamma
                logo: logo.png
                referential:
                  base: demo-entreprises
                  overlay: local
                  resources:
                    demo_7.7:
                      - name: Une ressource
                """)
            .Write("gamma/local/2.2.md", "# Mesure locale mal numérotée\n```yaml\nidentifiant: 2.2\npoints: 3\n```\n")
            .Write("delta/tenant.yaml", "identifier: autre\nreferential:\n  base: demo-entreprises\n");

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);
        var errors = diagnostics.Errors.Select(e => e.ToString()).ToList();

        Assert.Empty(tenants);
        string[] expected =
        [
            "tenants-config/broken/tenant.yaml:3: invalid YAML",
            "tenants-config/alpha/tenant.yaml:3: siren: '123456789' is not a valid SIREN",
            "tenants-config/alpha/tenant.yaml:4: time_zone: unknown IANA time zone 'Europe/Poitiers'",
            "tenants-config/alpha/tenant.yaml:8: officers[0].email: 'pas-une-adresse' is not an email address",
            "tenants-config/alpha/tenant.yaml:15: campaigns[0].closes: 2027-01-15 is before the opening, 2027-06-30",
            "tenants-config/alpha/tenant.yaml:17: schedules.reminders: 'tous les lundis' is not a cron expression",
            "tenants-config/alpha/tenant.yaml:11: referential.disabled: 'demo_9.9' is not a node of the referential 'demo'",
            "tenants-config/beta/tenant.yaml:3: display_nme: unknown key: did you mean 'display_name'?",
            "tenants-config/beta/tenant.yaml:4: hosts: 'partage.example.fr' is already a host of 'alpha'",
            "tenants-config/beta/tenant.yaml:6: referential.base: referential 'inexistant' not found in tenants-config/referentiels/"
                + " (available: demo-entreprises)",
            "tenants-config/gamma/tenant.yaml:3: logo: file 'logo.png' not found in the tenant's folder",
            "tenants-config/gamma/local/2.2.md:1: local node 'demo_2.2' must mark its local part with L",
            "tenants-config/gamma/tenant.yaml:8: referential.resources.demo_7.7: 'demo_7.7' is not a node of the referential 'demo'",
            "tenants-config/delta/tenant.yaml:1: identifier: 'autre' must be the name of its folder, 'delta'",
            "tenants-config/delta/tenant.yaml:1: name: missing (required)",
        ];
        foreach (var error in expected)
            Assert.True(errors.Any(e => e.StartsWith(error, StringComparison.Ordinal)), $"missing: {error}\nreported:\n{string.Join("\n", errors)}");
        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void RefuseEachBlankLeftByTenantsNewWithWhatToFillAndWhy()
    {
        using var config = new ConfigFolder()
            .Write("alpha/tenant.yaml", """
                identifier: alpha
                name: Territoire Alpha
                display_name: à compléter
                charter:
                  version: 1
                  file: À COMPLÉTER
                officers:
                  - name: À COMPLÉTER
                    email: À COMPLÉTER
                  - name: Agent
                    email: agent@alpha.example
                referential:
                  base: demo-entreprises
                """);

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);
        var errors = diagnostics.Errors.Select(e => e.ToString()).ToList();

        Assert.Empty(tenants);
        string[] expected =
        [
            "tenants-config/alpha/tenant.yaml:3: display_name: left blank by 'tenants new', to fill in: a value, or remove the line",
            "tenants-config/alpha/tenant.yaml:6: charter.file: left blank by 'tenants new', to fill in: the charter of engagement, a markdown file",
            "tenants-config/alpha/tenant.yaml:8: officers[0].name: left blank by 'tenants new', to fill in: the name of a territory officer",
            "tenants-config/alpha/tenant.yaml:9: officers[0].email: left blank by 'tenants new', to fill in: the officer's email address",
        ];
        Assert.Equal(expected.Length, errors.Count);
        Assert.All(expected.Zip(errors), pair => Assert.StartsWith(pair.First, pair.Second));
    }

    [Fact]
    public void ReadTheTerritorysLegalMentionsAndRefuseAMalformedOne()
    {
        using var config = new ConfigFolder()
            .Write("alpha/tenant.yaml", """
                identifier: alpha
                name: Territoire Alpha
                legal:
                  publication_director: le président d’Alpha
                  dpo_email: DPO@Alpha.example
                referential:
                  base: demo-entreprises
                """)
            .Write("beta/tenant.yaml", """
                identifier: beta
                name: Territoire Beta
                legal:
                  dpo_email: pas une adresse
                  directeur: Untel
                referential:
                  base: demo-entreprises
                """);

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);
        var errors = diagnostics.Errors.Select(e => e.ToString()).ToList();

        var alpha = Assert.Single(tenants);
        Assert.Equal(("le président d’Alpha", "dpo@alpha.example", null), (alpha.PublicationDirector, alpha.DpoEmail, alpha.AccessibilityEmail));
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e =>
            e.StartsWith("tenants-config/beta/tenant.yaml:4: legal.dpo_email: 'pas une adresse' is not an email address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tenants-config/beta/tenant.yaml:5: legal.directeur:", StringComparison.Ordinal));
    }

    [Fact]
    public void AcceptAPublicHostOnlyAmongTheTerritorysHosts()
    {
        const string referential = "referential:\n  base: demo-entreprises\n";
        using var config = new ConfigFolder()
            .Write("alpha/tenant.yaml", "identifier: alpha\nname: Alpha\nhosts: [assett.alpha.fr, alpha.example]\npublic_host: Assett.Alpha.fr\n" + referential)
            .Write("beta/tenant.yaml", "identifier: beta\nname: Beta\nhosts: [assett.beta.fr]\npublic_host: pirate.example\n" + referential);

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);

        Assert.Equal("assett.alpha.fr", Assert.Single(tenants).PublicHost);
        Assert.StartsWith("tenants-config/beta/tenant.yaml:4: public_host: 'pirate.example' must be one of the territory's hosts",
            Assert.Single(diagnostics.Errors).ToString());
    }

    [Fact]
    public void ReportAnErrorOfTheNationalReferentialOnceWithItsLine()
    {
        using var config = new ConfigFolder()
            .Write("referentiels/demo-entreprises/referentiel/2.1.md",
                "# Cassé\n```yaml\nidentifiant: 2.1\npoints: 10\n```\n## Actions\n### A\n```yaml\nidentifiant: 2.1.1\npourcentage: 30\n```\n")
            .CopyExampleTenant("grand-poitiers")
            .CopyExampleTenant("haut-poitou");

        var (tenants, diagnostics) = TenantsConfigReader.Read(config.Root);

        Assert.Empty(tenants);
        Assert.Single(diagnostics.Errors, e => e.ToString().StartsWith("tenants-config/referentiels/demo-entreprises/referentiel/2.1.md:1: the pourcentage"));
        Assert.Equal(2, diagnostics.Errors.Count(e => e.Message.StartsWith("referential.base: referential 'demo-entreprises' has errors")));
    }
}
