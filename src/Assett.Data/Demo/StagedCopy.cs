using Npgsql;
using NpgsqlTypes;

namespace Assett.Data.Demo;

/// <summary>
/// Rows of one table, sent by PostgreSQL's binary COPY. PostgreSQL refuses COPY FROM into a table under
/// row-level security (« COPY FROM not supported with row-level security »), so the rows go into a
/// temporary table of the same shape, <c>staged_&lt;table&gt;</c>, dropped at commit, then into the table
/// by <c>INSERT … SELECT</c>, which row-level security, the foreign keys and the unique indexes check like
/// any insert. Runs inside the caller's transaction, which has set the tenant.
/// </summary>
/// <param name="columns">The table's columns that <paramref name="write"/> writes, in its order, after <c>tenant_id</c> (written here).</param>
/// <param name="write">Writes a row's values: the table's <paramref name="columns"/>, then the <paramref name="extra"/> one.</param>
/// <param name="extra">A column of the temporary table only, read by <paramref name="also"/>.</param>
/// <param name="also">A second <c>INSERT … SELECT</c> from the temporary table, run after the first.</param>
internal sealed class StagedCopy<TRow>(string table, string columns, Action<NpgsqlBinaryImporter, TRow> write, bool tenantOwned = true,
    (string Name, string Type)? extra = null, string? also = null)
{
    private readonly string _columns = tenantOwned ? $"tenant_id, {columns}" : columns;

    private readonly string _staged = $"staged_{table}";

    public async Task InsertAsync(NpgsqlConnection connection, Guid tenantId, IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var definition = extra is { } column ? $"LIKE {table} INCLUDING DEFAULTS, {column.Name} {column.Type}" : $"LIKE {table} INCLUDING DEFAULTS";
        await ExecuteAsync(connection, $"CREATE TEMPORARY TABLE {_staged} ({definition}) ON COMMIT DROP", cancellationToken);
        var copied = extra is { } written ? $"{_columns}, {written.Name}" : _columns;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {_staged} ({copied}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                if (tenantOwned) importer.Write(tenantId, NpgsqlDbType.Uuid);
                write(importer, row);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await ExecuteAsync(connection, $"INSERT INTO {table} ({_columns}) SELECT {_columns} FROM {_staged}", cancellationToken);
        if (also is not null) await ExecuteAsync(connection, also, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
