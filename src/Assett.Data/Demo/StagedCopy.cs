using Npgsql;
using NpgsqlTypes;

namespace Assett.Data.Demo;

/// <summary>
/// Rows of one table, sent by PostgreSQL's binary COPY. PostgreSQL refuses COPY FROM into a table under
/// row-level security (« COPY FROM not supported with row-level security »), so the rows go into a
/// temporary table of the same shape, dropped at commit, then into the table by one
/// <c>INSERT … SELECT</c>, which row-level security, the foreign keys and the unique indexes check
/// like any insert. Runs inside the caller's transaction, which has set the tenant.
/// </summary>
/// <param name="columns">The columns <paramref name="write"/> writes, in its order; <c>tenant_id</c> comes first, written here.</param>
internal sealed class StagedCopy<TRow>(string table, string columns, Action<NpgsqlBinaryImporter, TRow> write, bool tenantOwned = true)
{
    private readonly string _columns = tenantOwned ? $"tenant_id, {columns}" : columns;

    public async Task InsertAsync(NpgsqlConnection connection, Guid tenantId, IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var staged = $"staged_{table}";
        await ExecuteAsync(connection, $"CREATE TEMPORARY TABLE {staged} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {staged} ({_columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                if (tenantOwned) importer.Write(tenantId, NpgsqlDbType.Uuid);
                write(importer, row);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await ExecuteAsync(connection, $"INSERT INTO {table} ({_columns}) SELECT {_columns} FROM {staged}", cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
