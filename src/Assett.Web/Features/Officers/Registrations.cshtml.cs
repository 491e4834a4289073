using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Assett.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officers;

/// <summary>The territory's officers approve or refuse organisations that registered from outside the territory.</summary>
[Authorize]
public sealed class RegistrationsModel(AssettDbContext db, IMultiTenantContextAccessor tenant) : PageModel
{
    public sealed record Pending(Guid Id, string Name, string? Siret, string OwnerEmail, DateTimeOffset CreatedAt);

    public IReadOnlyList<Pending> Registrations { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refusal ? refusal : Page();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, approved: true, cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, approved: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, bool approved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var pending = Registrations.FirstOrDefault(r => r.Id == id);
        if (pending is null) return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken);
        await RegistrationApprovals.TellOwnerAsync(db, organisation, pending.OwnerEmail, tenant.Current!, approved, cancellationToken);
        if (approved)
            organisation.AwaitingApproval = false;
        else
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.OrganisationId == id));
            db.Organisations.Remove(organisation);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = approved ? $"L’inscription de {pending.Name} est validée." : $"L’inscription de {pending.Name} est refusée.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Only the territory's officers (admin role) decide; others get 403, strangers to the territory 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || await TerritoryAccess.MembershipsAsync(db, User, cancellationToken) is not { } memberships) return NotFound();
        if (memberships.All(m => m.Role != MembershipRole.OfficerAdmin)) return Forbid();
        Registrations = await db.Organisations.Where(o => o.AwaitingApproval)
            .Join(db.Memberships.Where(m => m.Role == MembershipRole.OrganisationOwner), o => (Guid?)o.Id, m => m.OrganisationId, (o, m) => new { o, m.UserId })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.o, u.Email })
            .OrderBy(x => x.o.CreatedAt).Select(x => new Pending(x.o.Id, x.o.Name, x.o.Siret, x.Email!, x.o.CreatedAt)).ToListAsync(cancellationToken);
        return null;
    }
}
