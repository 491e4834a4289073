using Assett.Referentials.Packages;

namespace Assett.Referentials.Tests.Loading;

/// <summary>Irregular but valid input is read; real errors are all reported, with file and line.</summary>
public sealed class PackageLoaderShould
{
    private const string Root = """
        # Racine
        ```yaml
        identifiant: ""
        referentiel: t
        hierarchie: [referentiel, action, tache]
        ```
        """;

    private static PackageLoadResult Load(params (string Path, string Content)[] files) =>
        TestPackages.FromFiles([("t/t.md", Root), .. files]);

    private static string Errors(PackageLoadResult result) =>
        string.Join("\n", result.Diagnostics.Errors.Select(e => e.ToString()));

    [Fact]
    public void SurviveTheIrregularitiesOfRealFiles()
    {
        var result = Load(("t/1.md", """
            # Mesure  
            ```yaml
            identifiant: 1
            points : 6
            climat_pratic_id: strategie
            pointsDOM: 4
            ```
            Texte libre juste après le bloc, avec un <a href="https://exemple.fr">lien brut</a>.

            ## Contexte  
            Du contexte.
            #### Un intertitre mal placé
            Encore du contexte.

            ## Actions
            ### Réglementaire
            ```yaml
            identifiant: 1.0
            pourcentage : 0
            ```
            ### Première tâche
            ```yaml
            identifiant: 1.1
            percentage: 12.5
            ```
            ### Seconde tâche
            ```yaml
            identifiant: 1.2
            pourcentage: 87.5
            ```
            """));

        Assert.True(result.Succeeded, Errors(result));
        var package = result.Package!;
        var measure = package.NodesById["t_1"];
        Assert.Equal("Mesure", measure.Title);
        Assert.Equal(6, measure.Points);
        Assert.Contains("lien brut", measure.Description);
        Assert.Contains("Encore du contexte", measure.Sections.Single(s => s.Title == "Contexte").Markdown);
        Assert.Equal(0, package.NodesById["t_1.0"].Points);
        Assert.Equal(0.75, package.NodesById["t_1.1"].Points, 12);
        Assert.Equal(6, package.Root.Points);
        Assert.Equal(["t_1.0", "t_1.1", "t_1.2"], measure.Children.Select(c => c.Id));
    }

    [Fact]
    public void ReadIdentifiantsAsTextNotNumbers()
    {
        var result = Load(
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 2\n```\n# B\n```yaml\nidentifiant: 1.10\n```\n# C\n```yaml\nidentifiant: 1.2\n```\n"));

        Assert.True(result.Succeeded, Errors(result));
        Assert.Equal(["t_1.2", "t_1.10"], result.Package!.NodesById["t_1"].Children.Select(c => c.Id));
    }

    [Fact]
    public void ReportEveryErrorAtOnceWithFileAndLine()
    {
        var result = Load(
            ("t/broken.md", "# Cassé\n```yaml\nidentifiant: 3\npoints: [\n```\n"),
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n# A bis\n```yaml\nidentifiant: 1\npoints: 5\n```\n"),
            ("t/orphan.md", "# Orphelin\n```yaml\nidentifiant: 7.1\npoints: 1\n```\n"),
            ("t/2.md", "# B\n```yaml\nidentifiant: 2\npoints: 10\n```\n## Actions\n"
                + "### x\n```yaml\nidentifiant: 2.1\npourcentage: 60\n```\n### y\n```yaml\nidentifiant: 2.2\npourcentage: 30\n```\n"));

        var errors = result.Diagnostics.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("t/broken.md:5: invalid YAML"));
        Assert.Contains(errors, e => e.StartsWith("t/1.md:6: duplicate identifiant '1': already defined at t/1.md:1"));
        Assert.Contains(errors, e => e.StartsWith("t/orphan.md:1: orphan node 't_7.1': its parent 't_7' does not exist"));
        Assert.Contains(errors, e => e.StartsWith("t/2.md:1: the pourcentage of the children of 't_2' sum to 90, not 100"));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void RejectAPackageWithoutRoot()
    {
        var result = TestPackages.FromFiles(("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"));

        Assert.Null(result.Package);
        Assert.Contains("no root node", Errors(result));
    }

    [Fact]
    public void RequireAHierarchyForAnUnknownReferential()
    {
        var result = TestPackages.FromFiles(("x/x.md", "# X\n```yaml\nidentifiant: \"\"\nreferentiel: x\n```\n"));

        Assert.Equal("x/x.md:1: the referential 'x' must declare its levels, e.g. 'hierarchie: [referentiel, axe, action, sous-action, tache]'",
            result.Diagnostics.Errors.Single().ToString());
    }

    [Fact]
    public void ReadATaskAnsweredFromAttendanceAndRefuseItElsewhere()
    {
        const string Root = "# E\n```yaml\nidentifiant: \"\"\nreferentiel: eci\n```\n";
        var good = TestPackages.FromFiles(("e/e.md", Root), ("e/1.md",
            "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n## M\n```yaml\nidentifiant: 1.1\n```\n" +
            "### S\n```yaml\nidentifiant: 1.1.1\n```\n#### T\n```yaml\nidentifiant: 1.1.1.1\nrencontres: 2\n```\n"));
        var bad = TestPackages.FromFiles(("e/e.md", Root), ("e/1.md",
            "# A\n```yaml\nidentifiant: 1\npoints: 10\nrencontres: 2\n```\n## M\n```yaml\nidentifiant: 1.1\n```\n" +
            "### S\n```yaml\nidentifiant: 1.1.1\nrencontres: 1.5\n```\n"));

        Assert.True(good.Succeeded, Errors(good));
        Assert.Equal(2, good.Package!.NodesById["eci_1.1.1.1"].MeetingsAttended);
        Assert.Equal(
            ["e/1.md:1: 'rencontres' belongs on a task (a leaf below the measures), not on 'eci_1'",
             "e/1.md:14: 'rencontres' must be a whole number of meetings from 1 to 100, not '1.5'"],
            bad.Diagnostics.Errors.Select(e => e.ToString()).Order());
    }

    [Fact]
    public void KnowTheDefaultHierarchiesOfCaeAndEci()
    {
        var result = TestPackages.FromFiles(("e/e.md", "# E\n```yaml\nidentifiant: \"\"\nreferentiel: eci\n```\n"),
            ("e/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"));

        Assert.True(result.Succeeded, Errors(result));
        Assert.Equal(2, result.Package!.ActionDepth);
    }

    [Fact]
    public void ReportAnUnknownQuestionAndAnUnparsableFormulaOnTheirLines()
    {
        var result = Load(
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"),
            ("t/q.md", "# Question ?\n```yaml\nid: q1\ntype: binaire\nactions: [t_1, eci_2]\n```\n"),
            ("t/regles.md", """
                # Règle 1
                ```yaml
                action_id: t_1
                ```
                ## Règles
                ### Désactivation
                ```formule
                reponse(inconnue, OUI)
                ```
                ### Réduction de potentiel
                ```formule
                si reponse(q1, OUI)
                alors alors 0.5
                ```
                # Règle d'un autre référentiel
                ```yaml
                action_id: eci_1.1
                ```
                ## Règles
                ### Désactivation
                ```formule
                VRAI
                ```
                """));

        var errors = result.Diagnostics.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(["t/regles.md:8: unknown question 'inconnue' in reponse()",
            "t/regles.md:13: formula of 't_1' does not parse: unexpected 'alors': expected a value (column 7)"], errors);
        var warnings = result.Diagnostics.Warnings.Select(w => w.ToString()).ToList();
        Assert.Contains("t/q.md:5: question 'q1' names actions of another referential, ignored: eci_2", warnings);
        Assert.Contains("t/regles.md:17: rule on 'eci_1.1' of another referential: ignored", warnings);
    }

    [Fact]
    public void CheckTheValueComparedWithAnAnswer()
    {
        var result = Load(
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"),
            ("t/q.md", "# Binaire ?\n```yaml\nid: b\ntype: binaire\nactions: [t_1]\n```\n"
                + "# Choix ?\n```yaml\nid: c\ntype: choix\nactions: [t_1]\n```\n## Choix\n### Un\n```yaml\nid: c_1\n```\n"),
            ("t/regles.md", "# R\n```yaml\naction_id: t_1\n```\n## Règles\n### Désactivation\n```formule\nreponse(b, 3) ou reponse(c, c_9)\n```\n"));

        var errors = result.Diagnostics.Errors.Select(e => e.Message).ToList();
        Assert.Contains("reponse(b, …): a binaire question is compared with OUI or NON", errors);
        Assert.Contains("reponse(c, …): 'c' has no such choice (choices: c_1)", errors);
    }

    [Fact]
    public void ReadMaturityLevelsAndRejectBadOnes()
    {
        var good = TestPackages.FromFiles(("t/t.md", Root.Replace("tache]", "tache]\nniveaux:\n  - {nom: Découverte, min: 0}\n  - {nom: Engagé, min: 30}")),
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"));
        var bad = TestPackages.FromFiles(("t/t.md", Root.Replace("tache]", "tache]\nniveaux:\n  - {nom: Engagé, min: 30}\n  - {nom: Découverte, min: 10}")),
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"));

        Assert.Equal(["Découverte", "Engagé"], good.Package!.MaturityLevels.Select(l => l.Name));
        Assert.Equal(2, bad.Diagnostics.Errors.Count());
    }

    [Fact]
    public void ReadQuestionsChoicesAndExpectedDocuments()
    {
        var result = Load(
            ("t/1.md", "# A\n```yaml\nidentifiant: 1\npoints: 10\n```\n"),
            ("t/q.md", "# Quel chauffage ?\n```yaml\nid: c\ntype: choix\nthematique_id: energie\nactions: [t_1]\nordonnancement: 2\n```\n"
                + "## Description\nLe chauffage principal.\n## Choix\n### Gaz\n```yaml\nid: gaz\n```\n### Fioul\n```yaml\nid: fioul\n```\n"),
            ("t/preuves.md", "# Facture d'énergie\n```yaml\nid: facture\nactions: [t_1]\n```\nLa dernière facture.\n"));

        Assert.True(result.Succeeded, Errors(result));
        var question = result.Package!.Questions["c"];
        Assert.Equal(QuestionType.Choix, question.Type);
        Assert.Equal(["gaz", "fioul"], question.Choices.Select(c => c.Id));
        Assert.Equal(2, question.Ordonnancement);
        Assert.Contains("chauffage principal", question.Description);
        Assert.Equal("facture", result.Package.EvidenceDocuments.Single().Id);
    }

    [Fact]
    public void ReportAMissingFolder()
    {
        var result = PackageLoader.Load("/nonexistent/package");

        Assert.Equal("/nonexistent/package:0: package folder not found", result.Diagnostics.Errors.Single().ToString());
    }
}
