using Microsoft.AspNetCore.Identity;

namespace Assett.Data.Accounts;

/// <summary>A person's one account (by email), whatever the territories and organisations they belong to.</summary>
public sealed class AssettUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }

    /// <summary>The Cerema team: tenant configuration and platform pages, never an organisation's answers.</summary>
    public bool IsPlatformAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
