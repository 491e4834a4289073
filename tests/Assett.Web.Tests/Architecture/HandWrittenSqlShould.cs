using System.Reflection;
using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Tests.Architecture;

/// <summary>
/// Every hand-written statement (a string constant whose name ends in <c>Sql</c>, in Assett.Data or
/// Assett.Web) is prepared by PostgreSQL against a schema built from the EF model alone: a column or
/// table the model does not have, or a renamed one, fails here rather than in production.
/// </summary>
public sealed partial class HandWrittenSqlShould(PostgresServer server)
{
    [Fact]
    public async Task NameOnlyTablesAndColumnsOfTheModel()
    {
        await using var connection = await ModelSchemaAsync();
        var statements = Statements().ToList();
        var refused = new List<string>();
        foreach (var (name, sql) in statements)
            if (await RefusalAsync(connection, sql) is { } refusal) refused.Add($"{name}: {refusal}");
        Assert.Empty(refused);
        Assert.True(statements.Count >= 15, $"only {statements.Count} statements found");
    }

    [Fact]
    public async Task RefuseAColumnTheModelDoesNotHave()
    {
        await using var connection = await ModelSchemaAsync();
        Assert.Contains("status_etat", await RefusalAsync(connection, "SELECT status_etat FROM task_statuses WHERE assessment_id = $1"));
        Assert.Null(await RefusalAsync(connection, AssessmentStore.StatusesSql));
    }

    [Fact]
    public async Task MigrateTheViewsAsTheirDefinitionSays()
    {
        await using var fromModel = await ModelSchemaAsync();
        var migrated = await server.CreateDatabaseAsync();
        await using var fromMigrations = new NpgsqlConnection(migrated.AdminConnectionString);
        await fromMigrations.OpenAsync(TestContext.Current.CancellationToken);
        await using var db = AssettDbContextOptions.Create(migrated.AppConnectionString);
        var views = db.Model.GetEntityTypes().Select(e => e.GetViewName()).OfType<string>().ToList();
        Assert.Equal(views.Count, ViewDefinitions().Count());
        foreach (var view in views)
            Assert.Equal(await ViewDefinitionAsync(fromModel, view), await ViewDefinitionAsync(fromMigrations, view));
    }

    /// <summary>A new database holding only what the EF model creates, and the views the model maps.</summary>
    private async Task<NpgsqlConnection> ModelSchemaAsync()
    {
        var name = $"assett_model_{Guid.NewGuid():N}";
        await server.Cluster.CreateDatabaseAsync(name);
        var connectionString = server.Cluster.ConnectionString("assett_owner", name);
        string script;
        await using (var db = AssettDbContextOptions.Create(connectionString)) script = db.Database.GenerateCreateScript();
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var statement in StatementEnd().Split(script).Concat(ViewDefinitions()).Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        return connection;
    }

    /// <summary>The statements, but the views' definitions (<see cref="ViewDefinitions"/>), which build the schema.</summary>
    private static IEnumerable<(string Name, string Sql)> Statements() =>
        Constants().Where(c => !c.Name.EndsWith("." + nameof(CountedSnapshot.CreateViewSql), StringComparison.Ordinal));

    /// <summary>The model's views, each defined by the <c>CreateViewSql</c> of the type mapped to it.</summary>
    private static IEnumerable<string> ViewDefinitions() =>
        Constants().Where(c => c.Name.EndsWith("." + nameof(CountedSnapshot.CreateViewSql), StringComparison.Ordinal)).Select(c => c.Sql);

    private static IEnumerable<(string Name, string Sql)> Constants() =>
        new[] { typeof(AssettDbContext).Assembly, typeof(Program).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
                .Select(f => ($"{type.Name}.{f.Name}", (string)f.GetRawConstantValue()!)));

    /// <summary>PostgreSQL's refusal of the statement, or null once it prepared it (named parameters become positional).</summary>
    private static async Task<string?> RefusalAsync(NpgsqlConnection connection, string sql)
    {
        var names = new List<string>();
        var positional = NamedParameter().Replace(sql, match =>
        {
            var index = names.IndexOf(match.Groups[1].Value);
            if (index < 0) names.Add(match.Groups[1].Value);
            return "$" + (index < 0 ? names.Count : index + 1);
        });
        await using var prepare = new NpgsqlCommand($"PREPARE checked AS {positional}", connection);
        try
        {
            await prepare.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await using var deallocate = new NpgsqlCommand("DEALLOCATE checked", connection);
            await deallocate.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (PostgresException e)
        {
            return e.MessageText;
        }
    }

    private static async Task<string> ViewDefinitionAsync(NpgsqlConnection connection, string view)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_get_viewdef('{view}'::regclass)", connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [GeneratedRegex(@";\s*$", RegexOptions.Multiline)]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"(?<![:@\w])@(\w+)")]
    private static partial Regex NamedParameter();
}
