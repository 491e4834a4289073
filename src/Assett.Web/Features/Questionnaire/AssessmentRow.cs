using Assett.Data;
using Assett.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Assett.Web.Features.Questionnaire;

/// <summary>The assessment's row lock, which puts the saves and the submission of one assessment in line.</summary>
public static class AssessmentRow
{
    /// <summary>Locks the row until the current transaction ends, and returns its state as stored now.</summary>
    public static async Task<AssessmentState> LockAsync(AssettDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Lock inside a transaction.");
        // Row-level security keeps this to the current tenant's rows.
        command.CommandText = "SELECT state FROM assessments WHERE id = @id FOR UPDATE";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("id", assessmentId);
        command.Parameters.Add(parameter);
        return Enum.Parse<AssessmentState>((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
