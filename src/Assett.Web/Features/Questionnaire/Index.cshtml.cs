using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Assett.Data;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Assett.Web.Features.Questionnaire;

/// <summary>The questionnaire's home: the themes with their progress, and where to resume.</summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    public sealed record ThemeProgress(ReferentialNode Theme, int Answered, int Total, ReferentialNode? NextMeasure);

    public bool NoCampaign { get; private set; }
    public IReadOnlyList<ThemeProgress> Themes { get; private set; } = [];
    public ReferentialNode? ResumeAt { get; private set; }
    public IReadOnlyList<ReferentialNode> Disappeared { get; private set; } = [];
    public IReadOnlyList<OrganisationMeeting> Meetings { get; private set; } = [];

    /// <summary>The measures the profile (or the territory) takes out: they are shown, marked, and do not count.</summary>
    public IReadOnlySet<string> NotConcerned { get; private set; } = new HashSet<string>();

    /// <summary>The measures whose every task is answered: marked « Complète ».</summary>
    public IReadOnlySet<string> Complete { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var refusal = await LoadContextAsync(cancellationToken);
        if (Missing == MissingContext.NoCampaign)
        {
            NoCampaign = true;
            return Page();
        }
        if (refusal is not null) return refusal;

        var result = await Context.EvaluateAsync(db, cancellationToken);
        Themes = Context.Themes.Select(theme => Progress(theme, result)).ToList();
        NotConcerned = Context.Package.Nodes.Where(n => n.Depth == Context.Package.ActionDepth && !result[n].Counts)
            .Select(n => n.Id).ToHashSet();
        Complete = Context.Package.Nodes.Where(n => n.Depth == Context.Package.ActionDepth && result[n].TotalTachesCount > 0
            && result[n].CompletedTachesCount >= result[n].TotalTachesCount).Select(n => n.Id).ToHashSet();
        ResumeAt = Themes.Select(t => t.NextMeasure).FirstOrDefault(m => m is not null);
        Disappeared = await Contexts.DisappearedAsync(Context, cancellationToken);
        Meetings = await OrganisationMeetings.UpcomingAsync(db, Context.Organisation.Id, clock.GetUtcNow(), cancellationToken);
        return Page();
    }

    /// <summary>The engine's task counts: a task made non concerné by the profile counts as answered.</summary>
    private static ThemeProgress Progress(ReferentialNode theme, EvaluationResult result)
    {
        var next = theme.Children.FirstOrDefault(measure => result[measure].CompletedTachesCount < result[measure].TotalTachesCount);
        return new ThemeProgress(theme, (int)result[theme].CompletedTachesCount, (int)result[theme].TotalTachesCount, next);
    }
}
