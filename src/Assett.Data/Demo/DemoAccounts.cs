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
        await RefuseUnlessDemoAsync(appConnectionString, "demo passwords only go", cancellationToken);
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
        command.Parameters.Add(new NpgsqlParameter { Value = $"contact-%@{tenant}.{Domain}" }); // owners, not the demo officer
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var emails = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) emails.Add(reader.GetString(0));
        return [.. emails.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The territory's demonstration officer (<c>charge-de-mission@&lt;tenant&gt;.demo.invalid</c>, an
    /// officer admin) with this password, created if needed; development or demo databases only.
    /// </summary>
    public static async Task<string> SetOfficerAsync(string appConnectionString, string tenant, string password, CancellationToken cancellationToken)
    {
        await RefuseUnlessDemoAsync(appConnectionString, "a demo officer only goes", cancellationToken);
        var email = $"charge-de-mission@{tenant}.{Domain}";
        var hash = new PasswordHasher<AssettUser>().HashPassword(new AssettUser(), password);
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE identifier = $1), false)")
                {
                    Parameters = { new() { Value = tenant } },
                },
                new("""
                    INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                                       concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count,
                                       is_platform_administrator, created_at)
                    VALUES (gen_random_uuid(), $1, upper($1), $1, upper($1), true, $2, gen_random_uuid()::text, gen_random_uuid()::text,
                            false, false, true, 0, false, now())
                    ON CONFLICT (normalized_user_name) DO UPDATE SET password_hash = excluded.password_hash, security_stamp = excluded.security_stamp
                    """) { Parameters = { new() { Value = email }, new() { Value = hash } } },
                new("""
                    INSERT INTO memberships (id, tenant_id, user_id, organisation_id, role, created_at)
                    SELECT gen_random_uuid(), t.id, u.id, NULL, 'OfficerAdmin', now()
                    FROM tenants t, users u
                    WHERE t.identifier = $1 AND u.normalized_user_name = upper($2)
                      AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = t.id AND m.user_id = u.id AND m.organisation_id IS NULL)
                    """) { Parameters = { new() { Value = tenant }, new() { Value = email } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return email;
    }

    /// <summary>
    /// The demonstration platform administrator (<c>plateforme@demo.invalid</c>) with this password, created if
    /// needed; development or demo databases only.
    /// </summary>
    public static async Task<string> SetAdministratorAsync(string appConnectionString, string password, CancellationToken cancellationToken)
    {
        await RefuseUnlessDemoAsync(appConnectionString, "a demo administrator only goes", cancellationToken);
        var email = $"plateforme@{Domain}";
        var hash = new PasswordHasher<AssettUser>().HashPassword(new AssettUser(), password);
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                               concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count,
                               is_platform_administrator, created_at)
            VALUES (gen_random_uuid(), $1, upper($1), $1, upper($1), true, $2, gen_random_uuid()::text, gen_random_uuid()::text,
                    false, false, true, 0, true, now())
            ON CONFLICT (normalized_user_name) DO UPDATE
            SET password_hash = excluded.password_hash, security_stamp = excluded.security_stamp, is_platform_administrator = true
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return email;
    }

    private static async Task RefuseUnlessDemoAsync(string appConnectionString, string what, CancellationToken cancellationToken)
    {
        var purpose = await DatabasePurpose.GetAsync(appConnectionString, cancellationToken);
        if (!DatabasePurpose.AllowsDemoData(purpose))
            throw new DemoSeedException($"this database is marked '{purpose ?? "production (unmarked)"}': {what} into a development or demo database.");
    }
}
