using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Assett.Data.Tenancy;

/// <summary>
/// Sets <c>app.tenant_id</c>, which the row-level security policies read, for each transaction and
/// never for the session (<c>set_config(..., true)</c>): behind a connection pooler in transaction
/// mode, one client's transactions may run on different server connections, and a session setting
/// would stay on a server connection for the next client. To the context's tenant, or to '' (no row
/// visible or writable) without one. Code that sends its own SQL on the context's connection goes
/// inside a transaction, or puts <see cref="SetCommand"/> first in its batch.
/// </summary>
public static class TenantScope
{
    private const string SetTenantSql = "SELECT set_config('app.tenant_id', $1, true)";

    /// <summary>The statement that sets the tenant for the transaction it runs in.</summary>
    public static NpgsqlBatchCommand SetCommand(Guid? tenantId) => new(SetTenantSql) { Parameters = { new() { Value = tenantId?.ToString() ?? "" } } };

    internal static readonly IInterceptor[] Interceptors = [new TransactionInterceptor(), new CommandInterceptor()];

    private static Guid? TenantOf(DbContext? context) => (context as AssettDbContext)?.CurrentTenantId;

    /// <summary>An explicit transaction sets the tenant first thing.</summary>
    private sealed class TransactionInterceptor : DbTransactionInterceptor
    {
        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            using var batch = Batch(connection, result, eventData.Context);
            batch.ExecuteNonQuery();
            return result;
        }

        public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
            DbTransaction result, CancellationToken cancellationToken = default)
        {
            await using var batch = Batch(connection, result, eventData.Context);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return result;
        }

        private static NpgsqlBatch Batch(DbConnection connection, DbTransaction transaction, DbContext? context) =>
            new((NpgsqlConnection)connection, (NpgsqlTransaction)transaction) { BatchCommands = { SetCommand(TenantOf(context)) } };
    }

    /// <summary>
    /// A command outside an explicit transaction runs in an implicit one: it is sent in one batch after
    /// the statement that sets the tenant, in the same round trip, and answers with its own results.
    /// </summary>
    private sealed class CommandInterceptor : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            if (command.Transaction is not null) return result;
            var reader = WithTenant(command, eventData).ExecuteReader();
            reader.NextResult();
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.Transaction is not null) return result;
            var reader = await WithTenant(command, eventData).ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            if (command.Transaction is not null) return result;
            using var batch = WithTenant(command, eventData);
            batch.ExecuteNonQuery();
            return InterceptionResult<int>.SuppressWithResult(batch.BatchCommands[1].RecordsAffected);
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.Transaction is not null) return result;
            await using var batch = WithTenant(command, eventData);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return InterceptionResult<int>.SuppressWithResult(batch.BatchCommands[1].RecordsAffected);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            if (command.Transaction is not null) return result;
            using var batch = WithTenant(command, eventData);
            using var reader = batch.ExecuteReader();
            reader.NextResult();
            return InterceptionResult<object>.SuppressWithResult(reader.Read() ? reader.GetValue(0) : null!);
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            if (command.Transaction is not null) return result;
            await using var batch = WithTenant(command, eventData);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return InterceptionResult<object>.SuppressWithResult(await reader.ReadAsync(cancellationToken) ? reader.GetValue(0) : null!);
        }

        /// <summary>The tenant's statement, then the command as EF built it (its text, parameters and timeout).</summary>
        private static NpgsqlBatch WithTenant(DbCommand command, CommandEventData eventData)
        {
            var statement = new NpgsqlBatchCommand(command.CommandText) { CommandType = command.CommandType };
            foreach (NpgsqlParameter parameter in command.Parameters) statement.Parameters.Add(parameter.Clone());
            return new NpgsqlBatch((NpgsqlConnection)command.Connection!)
            {
                BatchCommands = { SetCommand(TenantOf(eventData.Context)), statement },
                Timeout = command.CommandTimeout,
            };
        }
    }
}
