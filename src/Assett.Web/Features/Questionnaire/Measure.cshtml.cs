using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Questionnaire;

/// <summary>
/// One measure of the questionnaire: each task with its status, an optional detailed split and a
/// comment. Without JavaScript, the form saves the whole measure; with it, each answer is saved as it
/// is given (the <c>Task</c> handler, see <c>wwwroot/js/autosave.js</c>).
/// </summary>
public sealed class MeasureModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TaskAnswers answers,
    AttendanceEvidence evidence)
    : JourneyPage(contexts, tenant)
{
    public sealed class AnswerInput
    {
        public string NodeId { get; set; } = "";
        public string? Status { get; set; }
        public double? FaitPercent { get; set; }
        public double? ProgrammePercent { get; set; }
        [System.ComponentModel.DataAnnotations.StringLength(TaskAnswers.CommentMaxLength)]
        public string? Comment { get; set; }
        public uint SeenVersion { get; set; }

        /// <summary>The answer as the page showed it (<see cref="Describe.Signature(string?, double?, double?, string?)"/>).</summary>
        public string? Original { get; set; }

        public bool IsUnchanged => Original == Describe.Signature(Status, FaitPercent, ProgrammePercent, Comment);

        public TaskAnswer ToAnswer() => new(NodeId, Status, FaitPercent, ProgrammePercent, Comment, SeenVersion);
    }

    [BindProperty(SupportsGet = true, Name = "mesure")]
    public string Identifiant { get; set; } = "";

    [BindProperty]
    public List<AnswerInput> Answers { get; set; } = [];

    public ReferentialNode Node { get; private set; } = null!;

    /// <summary>False when the profile (or the territory) takes this measure out: its answers do not count.</summary>
    public bool Concerned { get; private set; } = true;
    public ReferentialNode? Previous { get; private set; }
    public ReferentialNode? Next { get; private set; }
    public Dictionary<string, TaskStatusEntry> Entries { get; private set; } = [];

    /// <summary>The meetings the organisation attended in the campaign, where a task of the measure is answered from them.</summary>
    public int MeetingsAttended { get; private set; }
    /// <summary>Per task, its latest changes: <see cref="HistoryShown"/> at most are shown, one more says there are older ones.</summary>
    public ILookup<string, TaskStatusChange> History { get; private set; } = Enumerable.Empty<TaskStatusChange>().ToLookup(c => c.NodeId);

    public const int HistoryShown = 10;

    /// <summary>Per task, what went wrong with the last save (a conflict or an invalid answer).</summary>
    public Dictionary<string, string> Problems { get; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        await LoadAnswersAsync(cancellationToken);
        return Page();
    }

    /// <summary>The whole measure, without JavaScript: the answers changed on the page are saved; conflicts are shown, not overwritten.</summary>
    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var tasks = Context.TasksOf(Node).Select(t => t.Id).ToHashSet();
        foreach (var input in Answers.Where(a => tasks.Contains(a.NodeId) && a.Status is not null && !a.IsUnchanged))
        {
            var result = await answers.SaveAsync(Context, input.ToAnswer(), User.Identity!.Name!, cancellationToken);
            if (result.Outcome == SaveOutcome.Conflict)
                Problems[input.NodeId] = Describe.Conflict(result.Current!, Context.TimeZone);
            else if (result.Outcome == SaveOutcome.Invalid)
                Problems[input.NodeId] = result.Error!;
        }
        if (Problems.Count == 0)
        {
            Saved = "Vos réponses sont enregistrées.";
            return Next is { } next && Request.Form.ContainsKey("suivante")
                ? RedirectToPage(new { mesure = next.Identifiant })
                : RedirectToPage(new { mesure = Identifiant });
        }
        await LoadAnswersAsync(cancellationToken);
        return Page();
    }

    /// <summary>One answer, from the autosave script: JSON naming the task, with the outcome and the task's new version.</summary>
    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostTaskAsync([FromForm] AnswerInput input, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var result = await answers.SaveAsync(Context, input.ToAnswer(), User.Identity!.Name!, cancellationToken);
        var body = new
        {
            task = input.NodeId,
            outcome = result.Outcome.ToString().ToLowerInvariant(),
            version = result.Current?.Version,
            status = result.Current?.Status.Kind,
            message = result.Outcome switch
            {
                SaveOutcome.Conflict => Describe.Conflict(result.Current!, Context.TimeZone),
                SaveOutcome.Invalid => result.Error,
                _ => null,
            },
        };
        return new JsonResult(body)
        {
            StatusCode = result.Outcome switch
            {
                SaveOutcome.Conflict => StatusCodes.Status409Conflict,
                SaveOutcome.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status200OK,
            },
        };
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        if (Context.Measure(Identifiant) is not { } node) return NotFound();
        Node = node;
        var measures = Context.Package.Nodes.Where(n => n.Depth == Context.Package.ActionDepth).ToList();
        var index = measures.IndexOf(node);
        Previous = index > 0 ? measures[index - 1] : null;
        Next = index < measures.Count - 1 ? measures[index + 1] : null;
        return null;
    }

    /// <summary>The measure's answers, each task's latest changes, and whether the measure counts, from one read of every status.</summary>
    private async Task LoadAnswersAsync(CancellationToken cancellationToken)
    {
        var ids = Context.TasksOf(Node).Select(t => t.Id).ToArray();
        var (statuses, changes) = await AssessmentStore.StatusesAndLatestChangesAsync(db, Context.Assessment.Id, ids, HistoryShown + 1, cancellationToken);
        Entries = statuses.Where(s => ids.Contains(s.NodeId)).ToDictionary(s => s.NodeId);
        History = changes.ToLookup(c => c.NodeId);
        Concerned = Context.Evaluate(statuses)[Node].Counts;
        if (Context.TasksOf(Node).Any(t => t.MeetingsAttended is not null))
            MeetingsAttended = (await evidence.AttendedAsync([Context.Organisation.Id], Context.Campaign, cancellationToken))
                .GetValueOrDefault(Context.Organisation.Id);
    }
}
