using Assett.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Assett.Web.Features.Shared.Access;

/// <summary>
/// Who may use a page or an endpoint, declared on it: <c>[Authorize(Policy = Access.Officer)]</c> on a
/// page model (or its base), <see cref="HandlerAccessAttribute"/> on a handler that asks for more, and
/// <c>[AllowAnonymous]</c> on public pages. One requirement, <see cref="TerritoryRoleRequirement"/>,
/// checked by one handler; strangers to the territory get 404, people of the territory without the
/// role 403, signed-out visitors the sign-in page (docs/decisions.md, « Status precedence »).
/// <c>AccessShould</c> fails for a page, handler or endpoint that declares nothing.
/// </summary>
public static class Access
{
    /// <summary>Any signed-in person: their own account.</summary>
    public const string SignedIn = "signed-in";

    public const string OrganisationMember = "organisation-member";
    public const string OrganisationEditor = "organisation-editor";
    public const string OrganisationOwner = "organisation-owner";
    public const string Officer = "officer";
    public const string OfficerAdmin = "officer-admin";
    public const string PlatformAdministrator = "platform-administrator";

    private static readonly Dictionary<string, TerritoryRoleRequirement> Requirements = new()
    {
        [OrganisationMember] = new([MembershipRole.OrganisationOwner, MembershipRole.OrganisationEditor, MembershipRole.OrganisationReader]),
        [OrganisationEditor] = new([MembershipRole.OrganisationOwner, MembershipRole.OrganisationEditor]),
        [OrganisationOwner] = new([MembershipRole.OrganisationOwner]),
        [Officer] = new([MembershipRole.OfficerAdmin, MembershipRole.OfficerReader]),
        [OfficerAdmin] = new([MembershipRole.OfficerAdmin]),
        [PlatformAdministrator] = new([], PlatformAdministrators: true),
    };

    public static IServiceCollection AddAssettAccess(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<TerritoryMember>();
        services.AddScoped<IAuthorizationHandler, TerritoryRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StrangersGetNotFound>();
        services.AddAuthorization(options =>
        {
            options.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
            foreach (var (name, requirement) in Requirements)
                options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().AddRequirements(requirement));
        });
        return services;
    }

    /// <summary>True when authorization failed because the person is a stranger to the territory: answer 404.</summary>
    public static bool IsStranger(AuthorizationFailure? failure) =>
        failure?.FailureReasons.Any(r => r.Message == TerritoryRoleHandler.Stranger) == true;
}

/// <summary>One of these roles in the current territory (or, where it says so, being a platform administrator).</summary>
public sealed record TerritoryRoleRequirement(IReadOnlySet<MembershipRole> Roles, bool PlatformAdministrators = false) : IAuthorizationRequirement
{
    public TerritoryRoleRequirement(MembershipRole[] roles, bool PlatformAdministrators = false) : this(roles.ToHashSet(), PlatformAdministrators)
    {
    }
}

/// <summary>The one check of every territory role, on the memberships <see cref="TerritoryMember"/> read once.</summary>
public sealed class TerritoryRoleHandler(TerritoryMember member) : AuthorizationHandler<TerritoryRoleRequirement>
{
    public const string Stranger = "stranger to the territory";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TerritoryRoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return; // the sign-in page, from RequireAuthenticatedUser
        // A platform administrator's pages (the console) need no territory; every other role is a territory's.
        if (requirement.PlatformAdministrators && await member.IsPlatformAdministratorAsync())
            context.Succeed(requirement);
        else if (await member.GetAsync() is not { } person)
            context.Fail(new AuthorizationFailureReason(this, Stranger));
        else if (person.Memberships.Any(m => requirement.Roles.Contains(m.Role)))
            context.Succeed(requirement);
    }
}

/// <summary>The authorization middleware's answer: 404 for a stranger to the territory, else as usual (sign in, or 403).</summary>
public sealed class StrangersGetNotFound : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && Access.IsStranger(result.AuthorizationFailure))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, result);
    }
}
