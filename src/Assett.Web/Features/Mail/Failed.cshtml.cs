using Assett.Data;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Mail;

/// <summary>
/// The territory's messages set aside after <see cref="OutboxDispatcher.MaximumAttempts"/> failed sends,
/// for platform administrators: when, what, and the mail server's last answer, never the recipient
/// nor the body. Once the cause is fixed, they are sent again.
/// </summary>
[Authorize(Policy = Access.PlatformAdministrator)]
public sealed class FailedModel(AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, string Subject, int Attempts, string? LastError, DateTimeOffset FailedAt);

    public TenantInfo Territory => tenant.Current!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt)
            .Select(m => new Row(m.Id, m.CreatedAt, m.Subject, m.Attempts, m.LastError, m.FailedAt!.Value)).Take(500).ToListAsync(cancellationToken);

    /// <summary>Every message set aside is due again, with its attempts counted anew.</summary>
    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        var count = await db.OutboxMessages.Where(m => m.FailedAt != null).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.FailedAt, (DateTimeOffset?)null).SetProperty(x => x.Attempts, 0).SetProperty(x => x.NextAttemptAt, clock.GetUtcNow()),
            cancellationToken);
        Done = count == 0 ? "Aucun message n’était en échec." : $"{count} message(s) repartiront dans les secondes qui viennent.";
        return RedirectToPage();
    }
}
