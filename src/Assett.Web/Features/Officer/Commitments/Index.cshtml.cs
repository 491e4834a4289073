using Assett.Data;
using Assett.Data.Commitments;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Commitments;

/// <summary>
/// The cohort's commitments in a campaign's plan (made in it or carried into it): how many, done,
/// overdue, abandoned, by theme, and the list with its export. Named, as the officer's lists are.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed record Line(Guid OrganisationId, string Organisation, Commitment Commitment, ReferentialNode? Task, ReferentialNode? Theme);

    /// <summary>How many commitments, and where they stand.</summary>
    public sealed record Tally(int Total, int Done, int Open, int Overdue, int Abandoned);

    [BindProperty(SupportsGet = true, Name = "theme")] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true, Name = "etat")] public string? State { get; set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public Tally All { get; private set; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<(ReferentialNode Theme, Tally Tally)> ByTheme { get; private set; } = [];
    public int Organisations { get; private set; }

    public static readonly IReadOnlyList<(string Key, string Label)> States =
        [("en-cours", "En cours"), ("en-retard", "En retard"), ("realise", "Réalisé"), ("abandonne", "Abandonné")];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var rows = Lines.Select(l => new Dictionary<string, object?>
        {
            ["Organisation"] = l.Organisation, ["Thème"] = l.Theme is { } theme ? $"{theme.Identifiant}. {theme.Title}" : null,
            ["Action"] = l.Task?.Title ?? l.Commitment.NodeId, ["Objectif ou livrable"] = CommitmentWords.Target(l.Commitment),
            ["Valeur de départ"] = l.Commitment.Baseline, ["Valeur visée"] = l.Commitment.TargetValue, ["Unité"] = l.Commitment.Unit,
            ["Valeur atteinte"] = l.Commitment.ReachedValue, ["Échéance"] = l.Commitment.DueDate.ToDateTime(TimeOnly.MinValue),
            ["Porté par"] = l.Commitment.Carrier, ["État"] = CommitmentWords.State(l.Commitment, Today),
            ["Raison de l’abandon"] = l.Commitment.AbandonReason,
        }).ToList();
        return await XlsxFile.CreateAsync(rows, $"engagements-{Territory.Identifier}-{Shared.Printing.PrintablePages.Slug(Campaign!.Name)}.xlsx",
            cancellationToken, sheetName: "Engagements");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is null) return null;
        var package = (await Packages.GetAsync(Db, Campaign.ReferentialVersionId, cancellationToken)).Package;
        var campaignId = Campaign.Id;
        var rows = await Db.Commitments.AsNoTracking().Where(c => c.CampaignId == campaignId)
            .Join(Db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { Commitment = c, o.Name })
            .ToListAsync(cancellationToken);
        var all = rows.Select(r =>
        {
            var task = package.NodesById.GetValueOrDefault(r.Commitment.NodeId);
            return new Line(r.Commitment.OrganisationId, r.Name, r.Commitment, task, ThemeOf(task));
        }).OrderBy(l => l.Organisation, French.Names).ThenBy(l => l.Commitment.DueDate).ToList();
        All = Count(all);
        Organisations = all.Select(l => l.OrganisationId).Distinct().Count();
        ByTheme = [.. Themes.Select(t => (t, Count(all.Where(l => l.Theme == t)))).Where(x => x.Item2.Total > 0)];
        Lines = [.. all.Where(l => (string.IsNullOrEmpty(Theme) || l.Theme?.Id == Theme) && (string.IsNullOrEmpty(State) || Key(l.Commitment) == State))];
        return null;
    }

    private Tally Count(IEnumerable<Line> lines)
    {
        var list = lines.Select(l => l.Commitment).ToList();
        return new Tally(list.Count, list.Count(c => c.State == CommitmentState.Done), list.Count(c => c.State == CommitmentState.Open),
            list.Count(c => c.IsOverdue(Today)), list.Count(c => c.State == CommitmentState.Abandoned));
    }

    private string Key(Commitment commitment) => commitment.State switch
    {
        CommitmentState.Done => "realise",
        CommitmentState.Abandoned => "abandonne",
        _ => commitment.IsOverdue(Today) ? "en-retard" : "en-cours",
    };

    private static ReferentialNode? ThemeOf(ReferentialNode? node)
    {
        while (node?.Parent is { Parent: not null }) node = node.Parent;
        return node;
    }
}
