namespace Assett.Tenancy;

/// <summary>
/// A territory (tenant), shaped like Finbuckle's <c>ITenantInfo</c>: <see cref="Id"/> never changes,
/// <see cref="Identifier"/> is the slug used in URLs and configuration.
/// </summary>
public sealed record TenantInfo(Guid Id, string Identifier, string Name);
