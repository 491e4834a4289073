namespace Assett.Data.Tenants;

/// <summary>A territory running the ASSETT scheme.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>The slug of <c>tenants-config/&lt;slug&gt;/</c>, e.g. <c>grand-poitiers</c>.</summary>
    public required string Identifier { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
