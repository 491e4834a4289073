using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace Assett.Data.Platform;

/// <summary>A setting of the whole platform (not of a tenant), written by the owner role only.</summary>
public sealed class PlatformSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

internal sealed class PlatformSettingConfiguration : IEntityTypeConfiguration<PlatformSetting>
{
    public void Configure(EntityTypeBuilder<PlatformSetting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
    }
}

/// <summary>
/// What a database is for: <c>development</c> (the embedded cluster, tests), <c>demo</c>, or unmarked
/// (production). Generating demo data is refused on a database that is not development or demo.
/// </summary>
public static class DatabasePurpose
{
    public const string Development = "development";
    public const string Demo = "demo";
    private const string Key = "purpose";

    public static bool AllowsDemoData(string? purpose) => purpose is Development or Demo;

    public static async Task<string?> GetAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var db = AssettDbContextOptions.Create(connectionString);
        return await db.Set<PlatformSetting>().Where(s => s.Key == Key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Marks the database; needs the owner's connection (the application role may only read the mark).</summary>
    public static async Task MarkAsync(string adminConnectionString, string purpose, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO platform_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", connection)
        {
            Parameters = { new() { Value = Key }, new() { Value = purpose } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
