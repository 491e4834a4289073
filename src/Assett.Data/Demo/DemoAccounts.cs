using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Data.Platform;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Assett.Data.Demo;

/// <summary>
/// Addresses of demonstration accounts: under the reserved <c>.invalid</c> domain, so no message to
/// them can leave the machine, and unique per organisation and territory.
/// </summary>
public static class DemoAccounts
{
    public const string Domain = "demo.invalid";

    public static string OwnerEmail(Organisation organisation, string tenant) => $"contact-{organisation.Siret}@{tenant}.{Domain}";

    /// <summary>
    /// Gives the first <paramref name="count"/> demo owners of a territory (by address) a password, for
    /// demonstrations and load tests; development or demo databases only. Returns their addresses.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SetPasswordsAsync(string appConnectionString, string tenant, int count, string password,
        CancellationToken cancellationToken)
    {
        var purpose = await DatabasePurpose.GetAsync(appConnectionString, cancellationToken);
        if (!DatabasePurpose.AllowsDemoData(purpose))
            throw new DemoSeedException($"this database is marked '{purpose ?? "production (unmarked)"}': demo passwords only go into a development or demo database.");
        // One hash for all: each is salted anyway, and hashing is deliberately slow.
        var hash = new PasswordHasher<AssettUser>().HashPassword(new AssettUser(), password);
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE users SET password_hash = $1, security_stamp = gen_random_uuid()::text
            WHERE id IN (SELECT id FROM users WHERE email LIKE $2 ORDER BY email LIMIT $3)
            RETURNING email
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = $"%@{tenant}.{Domain}" });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var emails = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) emails.Add(reader.GetString(0));
        return [.. emails.Order(StringComparer.Ordinal)];
    }
}
