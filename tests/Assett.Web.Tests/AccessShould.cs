using System.Reflection;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests;

/// <summary>
/// Who may use each page, handler and endpoint is declared on it (docs/security.md): this reads the
/// declarations from the route table, so a new page or endpoint that says nothing fails here.
/// </summary>
public sealed class AccessShould(PostgresServer server) : WebHostTest(server)
{
    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>A policy or an explicit <c>[AllowAnonymous]</c>, else null.</summary>
    private static string? Declared(IEnumerable<object> metadata)
    {
        var items = metadata.ToList();
        if (items.OfType<IAllowAnonymous>().Any()) return "public";
        var policies = items.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        return policies.Count > 0 ? string.Join(" + ", policies) : null;
    }

    [Fact]
    public void DeclareWhoMayUseEveryEndpointAndPage()
    {
        var undeclared = Endpoints().Where(e => Declared(e.Metadata) is null).Select(e => e.RoutePattern.RawText ?? e.DisplayName).ToList();

        Assert.NotEmpty(Endpoints());
        Assert.True(undeclared.Count == 0, "No policy declared on: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void DeclareWhoMayUseEveryHandlerAndLetReadersOnlyRead()
    {
        var pages = PageModels();
        Assert.True(pages.Count > 25, $"{pages.Count} pages found");
        var handlers = pages.SelectMany(page => page.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal) || m.Name.StartsWith("OnPost", StringComparison.Ordinal))
            .Select(m => (Page: page, Handler: m,
                Policy: m.GetCustomAttribute<HandlerAccessAttribute>()?.Policy ?? Declared(page.GetCustomAttributes(inherit: true)))))
            .ToList();

        Assert.True(handlers.Count > 40, $"{handlers.Count} handlers found");
        Assert.Empty(handlers.Where(h => h.Policy is null).Select(h => $"{h.Page.Name}.{h.Handler.Name}"));
        // A form that changes something asks for more than reading (an officer reader or an organisation's reader only read).
        Assert.Empty(handlers
            .Where(h => h.Handler.Name.StartsWith("OnPost", StringComparison.Ordinal) && h.Policy is Access.Officer or Access.OrganisationMember)
            .Select(h => $"{h.Page.Name}.{h.Handler.Name}"));
    }

    /// <summary>Every page model of the web host.</summary>
    private static List<Type> PageModels() =>
        [.. typeof(Program).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(PageModel)) && !t.IsAbstract)];
}
