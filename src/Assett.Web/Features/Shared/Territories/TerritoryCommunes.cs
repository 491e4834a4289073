using Assett.Data;
using Assett.Data.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Territories;

/// <summary>The communes of a territory, by name, for the lists of its forms.</summary>
public static class TerritoryCommunes
{
    private static readonly StringComparer ByFrenchName = French.Names;

    /// <summary>Empty when the territory's SIREN is unknown to the reference data.</summary>
    public static async Task<IReadOnlyList<Commune>> OfAsync(AssettDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var siren = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Siren).SingleAsync(cancellationToken);
        return siren is null ? [] : [.. Data.ReferenceData.Territories.CommunesOf(siren).OrderBy(c => c.Name, ByFrenchName)];
    }
}
