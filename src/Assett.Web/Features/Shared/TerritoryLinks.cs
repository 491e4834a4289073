using Assett.Data.Mail;
using Assett.Tenancy;

namespace Assett.Web.Features.Shared;

/// <summary>
/// The absolute address of a territory's pages, for every emailed or displayed link: from the
/// configuration (<see cref="PublicAddress"/>), never from the request, whose host anyone can forge.
/// </summary>
public sealed class TerritoryLinks(IConfiguration configuration)
{
    private readonly string _publicUrl = PublicAddress.Read(configuration);

    /// <summary>The territory's home, without a trailing slash: append a page's path.</summary>
    public string Site(TenantInfo territory) => PublicAddress.OfTerritory(_publicUrl, territory.Identifier, territory.PublicHost);
}
