using System.Security.Claims;
using Assett.Data;
using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Jobs;

/// <summary>The Hangfire dashboard is for Cerema's platform administrators only (decisions.md).</summary>
public sealed class PlatformAdministratorsOnly : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return false;
        var db = http.RequestServices.GetRequiredService<AssettDbContext>();
        return await db.Users.AnyAsync(u => u.Id == userId && u.IsPlatformAdministrator, http.RequestAborted);
    }
}
