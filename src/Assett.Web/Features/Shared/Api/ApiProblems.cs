using Microsoft.AspNetCore.Http.HttpResults;

namespace Assett.Web.Features.Shared.Api;

/// <summary>
/// The API's refusals are problem documents (RFC 9457) in French, whatever refuses: a parameter
/// that cannot be read (model binding), a value out of range (the endpoint), authorization.
/// </summary>
public static class ApiProblems
{
    public static void InFrench(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Title = problem.Status switch
        {
            400 => "Requête invalide",
            401 => "Jeton d’accès absent ou invalide",
            403 => "Accès refusé",
            404 => "Ressource introuvable",
            429 => "Trop de requêtes",
            503 => "Service indisponible",
            >= 500 => "Erreur inattendue",
            _ => problem.Title,
        };
        problem.Detail ??= problem.Status == 400 ? "Un paramètre n’a pas la forme attendue : voir /api/v1/openapi.json." : null;
        problem.Type = null;
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>400 naming the parameter and what it accepts.</summary>
    public static ProblemHttpResult BadParameter(string name, string accepted) =>
        TypedResults.Problem(statusCode: 400, detail: $"Le paramètre « {name} » n’est pas valable : {accepted}.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = [accepted] } });
}
