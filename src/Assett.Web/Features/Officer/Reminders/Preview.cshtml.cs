using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>
/// The officer previews each kind of reminder of a campaign, as an organisation will receive it, and
/// how many would leave if the schedule fired today (docs/decisions.md: before the campaign opens, too).
/// </summary>
public sealed class PreviewModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, Reminders reminders, ReminderLinks links) : OfficerPage(db, tenant, packages, member, clock)
{
    public IReadOnlyList<Reminder> Samples { get; private set; } = [];
    public IReadOnlyDictionary<ReminderKind, int> DueToday { get; private set; } = new Dictionary<ReminderKind, int>();

    /// <summary>When the territory's reminders next go out, or null when it has no schedule.</summary>
    public DateTimeOffset? NextSending { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is null) return Page();
        var texts = new ReminderTexts(Territory, Campaign, links);
        const string example = "Boulangerie Exemple", email = "contact@exemple.fr";
        Samples = [texts.Invitation(Guid.Empty, example, email, Guid.Empty), texts.Unsubmitted(Guid.Empty, example, email),
            texts.LastCall(Guid.Empty, example, email)];
        DueToday = (await reminders.DueAsync(Territory, Campaign, Today, cancellationToken)).GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        var schedule = await Db.Tenants.Where(t => t.Id == Territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken);
        NextSending = Schedule.NextOccurrence(schedule.ReminderSchedule, Territory.Zone, Clock.GetUtcNow());
        return Page();
    }

    public static string Label(ReminderKind kind) => kind switch
    {
        ReminderKind.Invitation => "Invitation sans réponse",
        ReminderKind.Unsubmitted => "Autoévaluation commencée, pas transmise",
        _ => "Dernier rappel avant la clôture",
    };

    public bool IsOpen => Campaign?.State == CampaignState.Open;
}
