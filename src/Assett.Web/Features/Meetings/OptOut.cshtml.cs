using Assett.Data;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Meetings;

/// <summary>
/// The link at the bottom of meeting invitations and reminders: it stops that kind of meeting mail for
/// the address, without signing in, in one click (a POST, so that mail scanners opening links stop nothing).
/// </summary>
[AllowAnonymous]
public sealed class OptOutModel(MeetingLinks links, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public MeetingMailKind Kind { get; private set; }
    public string Email { get; private set; } = "";
    public bool Done { get; private set; }
    public string Territory => tenant.Current!.Name;

    public IActionResult OnGet() => Read() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Read() is { } refusal) return refusal;
        // A second click (or two at once) changes nothing.
        await db.Database.ExecuteSqlRawAsync(OptOutSql, [new NpgsqlParameter("tenant", tenant.Current!.Id), new NpgsqlParameter("id", Guid.NewGuid()),
            new NpgsqlParameter("email", Email), new NpgsqlParameter("kind", Kind.ToString()), new NpgsqlParameter("at", clock.GetUtcNow())],
            cancellationToken);
        Done = true;
        return Page();
    }

    /// <summary>A code of another territory, or altered, is not found (404).</summary>
    private IActionResult? Read()
    {
        if (tenant.Current is null || links.ReadOptOut(tenant.Current, Code) is not var (kind, email)) return NotFound();
        (Kind, Email) = (kind, email);
        return null;
    }

    private const string OptOutSql = """
        INSERT INTO meeting_mail_opt_outs (tenant_id, id, email, kind, at) VALUES (@tenant, @id, @email, @kind, @at)
        ON CONFLICT (tenant_id, email, kind) DO NOTHING
        """;
}
