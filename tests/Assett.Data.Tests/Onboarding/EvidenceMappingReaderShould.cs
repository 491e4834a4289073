using Assett.Data.Labelling;
using Assett.Data.Onboarding;
using Assett.Referentials.Packages;

namespace Assett.Data.Tests.Onboarding;

/// <summary><c>labelling/territoire-engage.yaml</c>: the tasks of « Territoire engagé » the cohort documents.</summary>
public sealed class EvidenceMappingReaderShould
{
    [Fact]
    public void ReadTheRepositoryMappingOnTasksOfTheCaePackage()
    {
        var diagnostics = new DiagnosticBag();
        var tasks = EvidenceMappingReader.Read(ConfigFolder.Repository, "tenants-config", diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(["cae_6.1.1.3.1", "cae_6.1.1.3.2", "cae_6.1.1.3.3", "cae_6.1.1.3.5", "cae_6.1.2.1.1", "cae_6.1.2.1.2", "cae_6.1.2.3.1", "cae_6.1.2.4.3"],
            tasks.Select(t => t.CaeId));
        var charter = tasks[0];
        Assert.Equal([EvidenceSection.Charter, EvidenceSection.Meetings], charter.Sections);
        Assert.Equal([new EvidenceThreshold(EvidenceCounter.Signatories, 1), new EvidenceThreshold(EvidenceCounter.MeetingsHeld, 2)], charter.Done);

        var package = PackageLoader.Load(Fixtures.CaePackage()).Package!;
        Assert.All(tasks, t => Assert.True(package.NodesById.TryGetValue(t.CaeId, out var node) && node.IsLeaf, $"{t.CaeId} is not a task of the CAE package"));
    }

    [Fact]
    public void ReportEachMistakeWithItsLineAndField()
    {
        using var config = new ConfigFolder().Write("labelling/territoire-engage.yaml", """
            tasks:
              - cae: 6.1.1.3.1
                title: Sans préfixe
                evidence: La charte.
                done: { signatories: 1 }
              - cae: cae_6.1.1.3.2
                title: Des engagements
                evidence: Les engagements.
                shows: [commitments, charte]
                dnoe: { signatories: 1 }
              - cae: cae_6.1.1.3.3
                title: Un accompagnement
                evidence: Les rencontres.
                done: { meetings_hold: 1, signatories: 0 }
              - cae: cae_6.1.1.3.3
                title: Deux fois
                evidence: Encore.
                done: { signatories: 1 }
            """);
        var diagnostics = new DiagnosticBag();

        var tasks = EvidenceMappingReader.Read(config.Root, "tenants-config", diagnostics);

        Assert.Equal(["cae_6.1.1.3.2", "cae_6.1.1.3.3"], tasks.Select(t => t.CaeId));
        const string file = "tenants-config/labelling/territoire-engage.yaml";
        Assert.Equal(
        [
            $"{file}:2: tasks[0].cae: '6.1.1.3.1' is not a task id of the CAE referential (e.g. cae_6.1.1.3.1)",
            $"{file}:10: tasks[1].dnoe: unknown key: did you mean 'done'?",
            $"{file}:9: tasks[1].shows: unknown table 'charte' (known: charter, commitments, meetings, support, public_bodies)",
            $"{file}:6: tasks[1].done: missing: the thresholds that propose « fait »",
            $"{file}:14: tasks[2].done.meetings_hold: unknown key: did you mean 'meetings_held'?",
            $"{file}:14: tasks[2].done.signatories: '0' must be a whole number, 1 or more",
            $"{file}:15: tasks[3].cae: 'cae_6.1.1.3.3' is already described above",
        ], diagnostics.Errors.Select(e => e.ToString()));
    }
}
