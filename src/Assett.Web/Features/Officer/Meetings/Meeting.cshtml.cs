using Assett.Data;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Meetings;

/// <summary>
/// One meeting, for the territory's officers: its audience and registrations; for admins, publishing
/// (the audience invited by email with the calendar file), cancelling, attendance on the day (which
/// proves the tasks answered from attendance), the materials (links, files) and the follow-up sent to
/// those who came.
/// </summary>
public sealed class MeetingModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, MeetingMails mails, AttendanceEvidence evidence) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed record Person(MeetingRegistration Registration, string Organisation);

    public sealed record Material(Guid Id, string FileName, int Size, DateTimeOffset AddedAt);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<Material> Files { get; private set; } = [];

    /// <summary>The member organisations, for a person who came without registering.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Members { get; private set; } = [];

    /// <summary>How many organisations the audience counts now (a draft) or counted when published.</summary>
    public int Invited { get; private set; }

    public IReadOnlyDictionary<string, string> ThemeTitles { get; private set; } = new Dictionary<string, string>();

    public bool Started => Meeting.StartsAt <= Clock.GetUtcNow();
    public int Registered => People.Count(p => p.Registration.State == RegistrationState.Registered);
    public int Waiting => People.Count(p => p.Registration.State == RegistrationState.Waiting);
    public int Came => People.Count(p => p.Registration.Attended == true);

    [TempData]
    public string? Done { get; set; }

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    /// <summary>A file of the materials, for the territory's officers.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid file, CancellationToken cancellationToken)
    {
        var found = await Db.MeetingMaterials.AsNoTracking().SingleOrDefaultAsync(m => m.Id == file && m.MeetingId == Id, cancellationToken);
        return found is null ? NotFound() : File(found.Content, found.ContentType, found.FileName);
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (Meeting.State != MeetingState.Draft) return RedirectToPage();
        if (Started) return Refuse("Cette rencontre a déjà commencé : changez sa date avant de la publier.");
        var invited = await MeetingAudiences.OrganisationsOfAsync(Db, Meeting, Campaign?.Id, cancellationToken);
        if (invited.Count == 0 && !Meeting.Audience.IsWholeCohort)
            return Refuse("Aucune organisation membre ne correspond à ce public : élargissez-le avant de publier.");
        var tracked = await Db.Meetings.SingleAsync(m => m.Id == Id, cancellationToken);
        (tracked.State, tracked.PublishedAt) = (MeetingState.Published, Clock.GetUtcNow());
        tracked.InvitedOrganisations = Meeting.Audience.IsWholeCohort ? [] : [.. invited];
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        var sent = await mails.InviteAsync(Territory, tracked, invited, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = $"Rencontre publiée : {invited.Count} organisation(s) invitée(s), {sent} invitation(s) envoyée(s) avec le fichier d’agenda.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (Meeting.State == MeetingState.Cancelled) return RedirectToPage();
        var tracked = await Db.Meetings.SingleAsync(m => m.Id == Id, cancellationToken);
        var wasPublished = tracked.State == MeetingState.Published;
        tracked.State = MeetingState.Cancelled;
        tracked.Sequence++;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        var told = wasPublished ? await mails.CancelledAsync(Territory, tracked, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        Done = $"Rencontre annulée : {told} personne(s) inscrite(s) ou en attente prévenue(s).";
        return RedirectToPage();
    }

    /// <summary>Who came: the checked people are present, the others absent; the proven tasks of their organisations follow.</summary>
    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostAttendanceAsync(List<Guid> present, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (!Started || Meeting.State != MeetingState.Published) return Refuse("La présence se note une fois la rencontre commencée.");
        var registrations = await Db.MeetingRegistrations.Where(r => r.MeetingId == Id && r.State != RegistrationState.Cancelled)
            .ToListAsync(cancellationToken);
        foreach (var registration in registrations) registration.Attended = present.Contains(registration.Id);
        await Db.SaveChangesAsync(cancellationToken);
        var proven = await evidence.ApplyAsync([.. registrations.Select(r => r.OrganisationId).Distinct()], cancellationToken);
        Done = $"Présence enregistrée : {registrations.Count(r => r.Attended == true)} personne(s) présente(s) sur {registrations.Count}."
            + (proven > 0 ? $" {proven} réponse(s) d’autoévaluation mise(s) à jour d’après la présence." : "");
        return RedirectToPage();
    }

    /// <summary>Someone who came without registering: recorded as registered and present.</summary>
    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostWalkInAsync(Guid organisation, string? name, string? email, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (!Started || Meeting.State != MeetingState.Published) return Refuse("La présence se note une fois la rencontre commencée.");
        if (Members.All(m => m.Id != organisation)) return Refuse("Choisissez l’organisation de la personne venue.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) return Refuse("Indiquez le nom de la personne venue (200 caractères au plus).");
        var address = email?.Trim().ToLowerInvariant() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(address, out _) || address.Length > 320)
            return Refuse("Indiquez l’adresse électronique de la personne venue : elle recevra les suites de la rencontre.");
        if (People.FirstOrDefault(p => p.Registration.Email == address) is { } known)
            return Refuse($"{address} est déjà dans la liste ({known.Registration.Name}) : cochez sa présence.");
        Db.MeetingRegistrations.Add(new MeetingRegistration
        {
            Id = Guid.NewGuid(), MeetingId = Id, OrganisationId = organisation, Name = name.Trim(), Email = address, State = RegistrationState.Registered,
            RegisteredAt = Clock.GetUtcNow(), RegisteredBy = User.Identity!.Name!, Attended = true,
        });
        await Db.SaveChangesAsync(cancellationToken);
        var proven = await evidence.ApplyAsync([organisation], cancellationToken);
        Done = $"{name.Trim()} est notée présente." + (proven > 0 ? " La réponse d’autoévaluation de son organisation est mise à jour." : "");
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostLinkAsync(string? title, string? url, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200) return Refuse("Donnez un titre au lien (200 caractères au plus).");
        if (url is null || url.Length > 500 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
            return Refuse("Indiquez l’adresse complète du support, qui commence par https://.");
        if (Meeting.Links.Count >= 20) return Refuse("Une rencontre garde 20 liens au plus.");
        var tracked = await Db.Meetings.SingleAsync(m => m.Id == Id, cancellationToken);
        tracked.Links = [.. tracked.Links, new MeetingLink(title.Trim(), address.ToString())];
        await Db.SaveChangesAsync(cancellationToken);
        Done = $"Lien « {title.Trim()} » ajouté aux supports.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostRemoveLinkAsync(int index, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        var tracked = await Db.Meetings.SingleAsync(m => m.Id == Id, cancellationToken);
        if (index < 0 || index >= tracked.Links.Count) return RedirectToPage();
        tracked.Links = [.. tracked.Links.Where((_, i) => i != index)];
        await Db.SaveChangesAsync(cancellationToken);
        Done = "Lien retiré des supports.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostFileAsync(IFormFile? fichier, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (fichier is null || fichier.Length == 0) return Refuse("Choisissez le fichier à joindre aux supports.");
        if (fichier.Length > MeetingMaterial.MaxBytes)
            return Refuse($"Ce fichier dépasse {MeetingMaterial.MaxBytes / 1024 / 1024} Mo : réduisez-le ou partagez-le par un lien.");
        var name = Path.GetFileName(fichier.FileName).Trim();
        if (name.Length is 0 or > 200) return Refuse("Le nom du fichier tient en 200 caractères au plus.");
        using var content = new MemoryStream();
        await fichier.CopyToAsync(content, cancellationToken);
        Db.MeetingMaterials.Add(new MeetingMaterial
        {
            Id = Guid.NewGuid(), MeetingId = Id, FileName = name, ContentType = ContentTypeOf(fichier.ContentType), Content = content.ToArray(),
            Size = (int)content.Length, AddedBy = User.Identity!.Name!, AddedAt = Clock.GetUtcNow(),
        });
        await Db.SaveChangesAsync(cancellationToken);
        Done = $"Fichier « {name} » ajouté aux supports.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostRemoveFileAsync(Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        await Db.MeetingMaterials.Where(m => m.Id == file && m.MeetingId == Id).ExecuteDeleteAsync(cancellationToken);
        Done = "Fichier retiré des supports.";
        return RedirectToPage();
    }

    /// <summary>Saves the follow-up and sends it, with the materials, to each person who came (once each).</summary>
    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostFollowUpAsync(string? followUp, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (string.IsNullOrWhiteSpace(followUp) || followUp.Trim().Length > 4000)
            return Refuse("Écrivez les suites de la rencontre (4 000 caractères au plus) : ce qui a été dit, décidé, les prochaines étapes.");
        if (Came == 0) return Refuse("Notez d’abord qui est venu : les suites sont envoyées aux participants.");
        var tracked = await Db.Meetings.SingleAsync(m => m.Id == Id, cancellationToken);
        (tracked.FollowUp, tracked.FollowUpSentAt) = (followUp.Trim(), Clock.GetUtcNow());
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        var sent = await mails.FollowUpAsync(Territory, tracked, [.. Files.Select(f => f.FileName)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = $"Suites enregistrées et envoyées à {sent} participant(s)" + (sent < Came ? " (les autres les avaient déjà reçues)." : ".");
        return RedirectToPage();
    }

    private IActionResult Refuse(string why)
    {
        Refused = why;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (await Db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == Id, cancellationToken) is not { } meeting) return NotFound();
        Meeting = meeting;
        People = await Db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == Id)
            .Join(Db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { Registration = r, Organisation = o.Name })
            .OrderBy(p => p.Organisation).ThenBy(p => p.Registration.Name).Select(p => new Person(p.Registration, p.Organisation))
            .ToListAsync(cancellationToken);
        Files = await Db.MeetingMaterials.AsNoTracking().Where(m => m.MeetingId == Id).OrderBy(m => m.AddedAt)
            .Select(m => new Material(m.Id, m.FileName, m.Size, m.AddedAt)).ToListAsync(cancellationToken);
        Invited = meeting.State == MeetingState.Draft
            ? (await MeetingAudiences.OrganisationsOfAsync(Db, meeting, Campaign?.Id, cancellationToken)).Count
            : meeting.Audience.IsWholeCohort ? await MeetingAudiences.Cohort(Db).CountAsync(cancellationToken) : meeting.InvitedOrganisations.Count;
        if (Started && IsAdmin)
            Members = [.. (await MeetingAudiences.Cohort(Db)
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken)).Select(o => (o.Id, o.Name))];
        if (Campaign is not null)
        {
            var package = (await Packages.GetAsync(Db, Campaign.ReferentialVersionId, cancellationToken)).Package;
            ThemeTitles = meeting.Themes.Where(package.NodesById.ContainsKey)
                .ToDictionary(t => t, t => $"{package.NodesById[t].Identifiant}. {package.NodesById[t].Title}");
        }
        return null;
    }

    /// <summary>The browser's type when it names one, else a download; never the browser's guess turned into a page of ours.</summary>
    private static string ContentTypeOf(string? declared) =>
        declared is { Length: > 0 and <= 200 } type && !type.Contains("html", StringComparison.OrdinalIgnoreCase) && !type.Contains("xml")
            && !type.Contains("javascript") ? type : "application/octet-stream";
}
