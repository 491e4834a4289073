using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Accounts;

/// <summary>
/// A membership that counts: its account's address is confirmed, and its organisation (if any) does
/// not await an officer's approval. The one rule behind access to pages, tokens and the API, and
/// behind « registered » and « member organisation » in the officer's figures: the view
/// <c>active_memberships</c>, read by LINQ and by hand-written SQL alike, with the reader's row-level
/// security (<c>security_invoker</c>).
/// </summary>
public sealed class ActiveMembership : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public Guid? OrganisationId { get; set; }
    public MembershipRole Role { get; set; }

    public const string CreateViewSql = """
        CREATE VIEW active_memberships WITH (security_invoker = true) AS
        SELECT m.id, m.tenant_id, m.user_id, m.organisation_id, m.role
        FROM memberships m
        JOIN users u ON u.id = m.user_id AND u.email_confirmed
        WHERE m.organisation_id IS NULL
           OR EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = m.tenant_id AND o.id = m.organisation_id AND NOT o.awaiting_approval)
        """;
}

internal sealed class ActiveMembershipConfiguration : IEntityTypeConfiguration<ActiveMembership>
{
    public void Configure(EntityTypeBuilder<ActiveMembership> membership)
    {
        membership.HasNoKey().ToView("active_memberships");
        membership.Property(m => m.Role).HasConversion<string>();
    }
}

public static class ActiveMemberships
{
    /// <summary>
    /// The person's memberships that count in the current territory (<see cref="ActiveMembership"/>), read for every request
    /// of a signed-in person: compiled once, since translating the query again cost more than running it (docs/performance.md).
    /// </summary>
    public static ValueTask<List<Membership>> ActiveMembershipsOfAsync(this AssettDbContext db, Guid userId, CancellationToken cancellationToken) =>
        ActiveMembershipsQuery(db, userId).ToListAsync(cancellationToken);

    private static readonly Func<AssettDbContext, Guid, IAsyncEnumerable<Membership>> ActiveMembershipsQuery = EF.CompileAsyncQuery(
        (AssettDbContext db, Guid userId) => db.Memberships.AsNoTracking().Where(m => db.ActiveMemberships.Any(a => a.Id == m.Id && a.UserId == userId)));

    /// <summary>
    /// Each member organisation's first owner (the oldest active owner's membership): the one address an
    /// organisation's mails go to (reminders, announcements, bilans). All organisations, or those named.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> FirstOwnersAsync(this AssettDbContext db, IReadOnlyCollection<Guid>? organisations,
        CancellationToken cancellationToken)
    {
        var owners = db.Memberships.AsNoTracking()
            .Where(m => m.Role == MembershipRole.OrganisationOwner && m.OrganisationId != null && db.ActiveMemberships.Any(a => a.Id == m.Id));
        if (organisations is not null) owners = owners.Where(m => organisations.Contains(m.OrganisationId!.Value));
        var found = await owners
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { OrganisationId = m.OrganisationId!.Value, m.CreatedAt, m.Id, u.Email })
            .ToListAsync(cancellationToken);
        return found.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).DistinctBy(o => o.OrganisationId).ToDictionary(o => o.OrganisationId, o => o.Email!);
    }
}
