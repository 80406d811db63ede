using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Gateway;

/// <summary>What the gateway itself answers, in both languages, each with its stable code.</summary>
public static class GatewayMessages
{
    public static readonly Message SignInRefusedTitle = new("signIn.refused", "Sign-in refused", "Connexion refusée");

    public static readonly Message SignInRefused =
        new("signIn.refused", "The e-mail address or the password is incorrect.", "L'adresse e-mail ou le mot de passe est incorrect.");

    public static readonly Message UnlockLinkUnusableTitle = new("unlock.unusable", "Link not usable", "Lien inutilisable");

    public static readonly Message UnlockLinkUnusable = new(
        "unlock.unusable",
        "This link is unknown, was already used, or its pause is over: sign in as usual.",
        "Ce lien est inconnu, a déjà servi, ou sa suspension est terminée : connectez-vous normalement.");

    public static readonly Message SessionEndedTitle = new("session.ended", "Session ended", "Session terminée");

    public static readonly Message SessionEnded = new("session.ended", "Sign in again.", "Reconnectez-vous.");

    public static readonly Message ApiKeyInvalidTitle = new("apiKey.invalid", "Invalid API key", "Clé d'API invalide");

    public static readonly Message ApiKeyInvalid = new("apiKey.invalid", "The API key is unknown or revoked.", "La clé d'API est inconnue ou révoquée.");

    public static readonly Message TooManyRequestsTitle = new("rateLimit.exceeded", "Too many requests", "Trop de requêtes");

    public static readonly Message TooManyRequests = new("rateLimit.exceeded", "Slow down and retry later.", "Ralentissez et réessayez plus tard.");

    public static Message AddressTooLong(int maxLength) =>
        new Message(
                "request.target.tooLong",
                $"The address is too long: at most {maxLength} characters for its path and query together.",
                $"L'adresse est trop longue : au plus {maxLength} caractères pour son chemin et ses paramètres réunis.")
            .With("maxLength", maxLength);

    public static readonly Message AntiforgeryMissingTitle =
        new("antiforgery.missing", "Missing anti-forgery header", "En-tête anti-falsification manquant");

    public static Message AntiforgeryMissing(string header) =>
        new Message(
                "antiforgery.missing",
                $"State-changing requests must send the header {header}: 1.",
                $"Les requêtes qui modifient des données doivent envoyer l'en-tête {header}: 1.")
            .With("header", header);

    public static readonly Message AntiforgeryHeaderRequired =
        new Message("antiforgery.header.required", "Required, with the value 1.", "Requis, avec la valeur 1.").With("value", "1");

    public static readonly Message DossierIncompleteTitle = new("dossier.incomplete", "Dossier incomplete", "Dossier incomplet");

    public static Message DossierPartUnavailable(string part) =>
        new Message(
                "dossier.part.unavailable",
                $"The {part} part of the dossier cannot be had right now; retry in a moment.",
                $"La partie {part} du dossier est indisponible pour le moment ; réessayez dans un instant.")
            .With("part", part);

    public static readonly Message DossierPartUnusable = new(
        "dossier.part.unusable",
        "A part of the dossier could not be used: nothing is sent rather than an incomplete dossier.",
        "Une partie du dossier est inutilisable : rien n'est envoyé plutôt qu'un dossier incomplet.");

    public static Message ServiceUnreachable(string service, TimeSpan retryAfter) =>
        new Message(
                "unavailable.service",
                $"The {service} service does not answer for the moment: retry in a few seconds.",
                $"Le service {service} ne répond pas pour le moment : réessayez dans quelques secondes.")
            .With("service", service).With("retryAfterSeconds", (int)retryAfter.TotalSeconds);

    /// <summary>A problem whose title, as well as its detail, says what happened in the caller's language.</summary>
    public static ProblemHttpResult Problem(int status, Message title, Message detail)
    {
        ArgumentNullException.ThrowIfNull(title);
        var problem = Problems.Problem(status, detail);
        problem.ProblemDetails.Title = title.Text;
        return problem;
    }
}
