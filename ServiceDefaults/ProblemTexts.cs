using Infogerance.Validation;
using Microsoft.AspNetCore.Http;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// The titles of problem answers by status, and the codes every problem carries, so that no framework text
/// (English only, and naming .NET types) reaches a person.
/// </summary>
public static class ProblemTexts
{
    public const string InvalidCode = "invalid";
    public const string MalformedCode = "malformed";

    public static Message TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => new(MalformedCode, "The request is malformed.", "La requête est mal formée."),
        StatusCodes.Status401Unauthorized => new("unauthenticated", "Sign in to continue.", "Connectez-vous pour continuer."),
        StatusCodes.Status403Forbidden => new("forbidden", "You are not allowed to do this.", "Vous n'êtes pas autorisé à faire ceci."),
        StatusCodes.Status404NotFound => new("notFound", "Not found.", "Introuvable."),
        StatusCodes.Status405MethodNotAllowed => new("methodNotAllowed", "This method is not allowed here.", "Cette méthode n'est pas permise ici."),
        StatusCodes.Status409Conflict => new("conflict", "The request conflicts with the current state.", "La demande est incompatible avec l'état actuel."),
        StatusCodes.Status413PayloadTooLarge => new("tooLarge", "The request is too large.", "La requête est trop volumineuse."),
        StatusCodes.Status414UriTooLong => new("uriTooLong", "The address is too long.", "L'adresse est trop longue."),
        StatusCodes.Status415UnsupportedMediaType => new("unsupportedMediaType", "This content type is not accepted.", "Ce type de contenu n'est pas accepté."),
        StatusCodes.Status422UnprocessableEntity => new(InvalidCode, "The request has invalid fields.", "La requête contient des champs invalides."),
        StatusCodes.Status423Locked => new("locked", "This is locked.", "Ceci est verrouillé."),
        StatusCodes.Status429TooManyRequests => new("tooManyRequests", "Too many requests: retry later.", "Trop de requêtes : réessayez plus tard."),
        StatusCodes.Status503ServiceUnavailable => new("unavailable", "The service is unavailable: retry later.", "Le service est indisponible : réessayez plus tard."),
        >= 500 => new("serverError", "An error occurred on our side.", "Une erreur s'est produite de notre côté."),
        _ => new("error", "The request failed.", "La requête a échoué."),
    };

    /// <summary>
    /// Every problem written through the problem-details service: the title in the caller's language when the
    /// framework or an endpoint left the default one, and a code when none was set.
    /// </summary>
    public static void Localise(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var title = TitleOf(status);
        if (problem.Title is null || IsFrameworkTitle(problem.Title) || problem.Title == title.English)
        {
            problem.Title = title.Text;
        }

        problem.Extensions.TryAdd(Problems.CodeKey, title.Code);
    }

    /// <summary>The titles ASP.NET Core writes by itself (RFC reason phrases).</summary>
    private static bool IsFrameworkTitle(string title) =>
        title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Conflict"
            or "Payload Too Large" or "Content Too Large" or "URI Too Long" or "Unsupported Media Type" or "Unprocessable Entity"
            or "Locked" or "Too Many Requests" or "Service Unavailable" or "An error occurred while processing your request."
            or "One or more validation errors occurred.";
}
