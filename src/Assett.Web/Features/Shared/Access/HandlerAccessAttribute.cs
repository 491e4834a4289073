using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Assett.Web.Features.Shared.Access;

/// <summary>
/// A handler that asks for more than its page (an officer reader sees the campaigns, an officer admin
/// opens one). Razor Pages ignore <c>[Authorize]</c> on handlers, so <see cref="HandlerAccessFilter"/>
/// applies this one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerAccessAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>Applies a handler's <see cref="HandlerAccessAttribute"/> with the same policies and answers as the pages'.</summary>
public sealed class HandlerAccessFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(HandlerAccessAttribute), inherit: true) is [HandlerAccessAttribute access, ..])
        {
            var result = await authorization.AuthorizeAsync(context.HttpContext.User, context.HttpContext, access.Policy);
            if (!result.Succeeded)
            {
                context.Result = context.HttpContext.User.Identity?.IsAuthenticated != true ? new ChallengeResult()
                    : Access.IsStranger(result.Failure) ? new NotFoundResult() : new ForbidResult();
                return;
            }
        }
        await next();
    }
}
