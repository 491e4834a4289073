using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>The Hangfire dashboard is for Cerema's platform administrators only (docs/decisions.md): the same policy as the pages'.</summary>
public sealed class PlatformAdministratorsOnly : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, http, Shared.Access.Access.PlatformAdministrator)).Succeeded;
    }
}
