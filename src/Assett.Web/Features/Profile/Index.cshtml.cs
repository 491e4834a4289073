using System.Globalization;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Data.ReferenceData;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Profile;

/// <summary>
/// The organisation's profile: its identity (which gives the engine's identity tags) and its answers
/// to the referential's personalisation questions, which decide which measures concern it.
/// </summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    public sealed class InputModel
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Indiquez le nom de l’organisation.")]
        [System.ComponentModel.DataAnnotations.StringLength(300, ErrorMessage = "Le nom tient en 300 caractères au plus.")]
        public string Name { get; set; } = "";
        public OrganisationKind Kind { get; set; }
        public string? NafCode { get; set; }
        public HeadcountBand? Headcount { get; set; }
        public string? Commune { get; set; }
        public bool SharesComments { get; set; }
        public Dictionary<string, string?> Answers { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Commune> Communes { get; private set; } = [];
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public Organisation Organisation { get; private set; } = null!;

    /// <summary>False between campaigns: the identity still changes, the questions belong to a campaign's referential.</summary>
    public bool HasCampaign { get; private set; }
    public bool CanEdit => _membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;
    public bool IsOwner => _membership.Role == MembershipRole.OrganisationOwner;
    private Membership _membership = null!;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var organisation = Organisation;
        Input = new InputModel
        {
            Name = organisation.Name, Kind = organisation.Kind, NafCode = organisation.NafCode, Headcount = organisation.Headcount,
            Commune = organisation.CommuneInsee, SharesComments = organisation.SharesComments,
            Answers = HasCampaign ? Context.Assessment.Answers.ToDictionary(a => a.Key, a => (string?)Displayed(a.Key, a.Value)) : [],
        };
        return Page();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanEdit) return Forbid();
        var naf = string.IsNullOrWhiteSpace(Input.NafCode) ? null : NafCodes.Find(Input.NafCode);
        if (!string.IsNullOrWhiteSpace(Input.NafCode) && naf is null)
            ModelState.AddModelError("Input.NafCode", "Ce code NAF n’existe pas : il a la forme 56.10C (voir votre avis de situation Insee).");
        if (Input.Commune is { Length: > 0 } commune && commune != Organisation.CommuneInsee && Communes.All(c => c.Code != commune))
            ModelState.AddModelError("Input.Commune", "Choisissez la commune dans la liste.");
        var answers = new Dictionary<string, string>();
        foreach (var question in Questions)
        {
            var given = Input.Answers.GetValueOrDefault(question.Id)?.Trim();
            if (string.IsNullOrEmpty(given)) continue;
            if (Stored(question, given) is { } stored) answers[question.Id] = stored;
            else ModelState.AddModelError($"Input.Answers[{question.Id}]", question.Type == QuestionType.Proportion
                ? "Indiquez un pourcentage entre 0 et 100." : "Choisissez une des réponses proposées.");
        }
        if (!ModelState.IsValid) return Page();

        var organisation = Organisation;
        organisation.Name = Input.Name.Trim();
        organisation.Kind = Input.Kind;
        (organisation.NafCode, organisation.NafSection) = (naf?.Code, naf?.Section);
        organisation.Headcount = Input.Headcount;
        organisation.CommuneInsee = string.IsNullOrEmpty(Input.Commune) ? null : Input.Commune;
        organisation.SharesComments = Input.SharesComments;
        // The profile changes what concerns the organisation, hence its current score, saved with it
        // under the assessment's lock (a submitted assessment keeps the answers it was submitted with).
        if (!HasCampaign) await db.SaveChangesAsync(cancellationToken);
        else await Snapshots.SaveProfileAsync(db, Context, scored =>
        {
            if (!scored) return;
            Context.Assessment.IdentityTags = IdentityTags.Of(organisation, IdentityTags.LocalisationOf(Context.TimeZone.Id));
            Context.Assessment.Answers = answers;
        }, clock.GetUtcNow(), cancellationToken);
        Saved = "Le profil est enregistré.";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var refusal = await LoadContextAsync(cancellationToken);
        HasCampaign = refusal is null;
        if (HasCampaign)
        {
            (_membership, Organisation) = (Context.Membership, Context.Organisation);
            Questions = [.. Context.Package.Questions.Values.OrderBy(q => q.Ordonnancement ?? int.MaxValue).ThenBy(q => q.Id, StringComparer.Ordinal)];
        }
        else if (Missing == MissingContext.NoCampaign)
        {
            _membership = (await Contexts.MembershipAsync(cancellationToken)).Membership!;
            Organisation = await db.Organisations.SingleAsync(o => o.Id == _membership.OrganisationId, cancellationToken);
        }
        else
        {
            return refusal;
        }
        Communes = await TerritoryCommunes.OfAsync(db, Organisation.TenantId, cancellationToken);
        return null;
    }

    /// <summary>An answer as stored for the engine: OUI/NON, a share in 0..1, or a choice id; null when not one of these.</summary>
    private static string? Stored(Question question, string given) => question.Type switch
    {
        QuestionType.Binaire => given is "OUI" or "NON" ? given : null,
        QuestionType.Proportion => double.TryParse(given.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                && percent is >= 0 and <= 100
            ? (percent / 100).ToString(CultureInfo.InvariantCulture) : null,
        _ => question.Choices.Any(c => c.Id == given) ? given : null,
    };

    /// <summary>A stored answer as the form shows it: proportions in %.</summary>
    private string Displayed(string questionId, string stored) =>
        Context.Package.Questions.TryGetValue(questionId, out var question) && question.Type == QuestionType.Proportion
            && double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
            ? (share * 100).ToString("0.##", CultureInfo.InvariantCulture) : stored;
}
