using Infogerance.ServiceDefaults;
using Infogerance.Validation;

namespace Infogerance.Identity.Domain;

/// <summary>What Identity tells a person, in both languages, each with its stable code.</summary>
public static class IdentityMessages
{
    public static readonly Message Required = new("required", "Required.", "Requis.");

    public static readonly Message EmailInvalid = new("email.invalid", "A valid e-mail address is required.", "Une adresse e-mail valide est requise.");

    public static Message NameLength(int max) =>
        new Message("name.length", $"A name of 1 to {max} characters is required.", $"Un nom de 1 à {max} caractères est requis.")
            .With("min", 1).With("max", max);

    public static readonly Message RolesRequired = new("roles.required", "At least one role is required.", "Au moins un rôle est requis.");

    public static readonly Message RolesRepeated = new("roles.repeated", "Name each role once.", "Nommez chaque rôle une seule fois.");

    public static Message RolesUnknown(OrganisationKind kind, IReadOnlyList<string> unknown)
    {
        var list = string.Join(", ", unknown);
        var french = kind switch
        {
            OrganisationKind.Client => "d'une organisation cliente",
            OrganisationKind.Provider => "d'une organisation prestataire",
            _ => "de la plateforme",
        };
        return new Message(
                "roles.unknown",
                $"Not a role of a {kind.ToString().ToLowerInvariant()} organisation: {list}.",
                unknown.Count == 1 ? $"Ce n'est pas un rôle {french} : {list}." : $"Ce ne sont pas des rôles {french} : {list}.")
            .With("kind", kind.ToString().ToLowerInvariant()).With("roles", unknown);
    }

    public static readonly Message OrganisationKindInvalid =
        new("organisation.kind.invalid", "Choose \"client\" or \"provider\".", "Choisissez « client » ou « provider ».");

    public static readonly Message OrganisationNameTaken =
        new("organisation.name.taken", "An organisation with this name already exists.", "Une organisation de ce nom existe déjà.");

    public static Message OperatorInvitesAdministratorOnly(string administrator) =>
        new Message(
                "organisation.invitation.administratorOnly",
                $"An Operator invites the organisation's administrator ({administrator}) only.",
                $"Un opérateur n'invite que l'administrateur de l'organisation ({administrator}).")
            .With("role", administrator);

    public static readonly Message OrganisationHasAdministrator = new(
        "organisation.administrator.exists",
        "This organisation already has an administrator, who invites its users.",
        "Cette organisation a déjà un administrateur, qui invite ses utilisateurs.");

    public static readonly Message EmailTaken =
        new("user.email.taken", "A user of your organisation already has this e-mail address.", "Un utilisateur de votre organisation a déjà cette adresse e-mail.");

    public static Message AddressSignsInElsewhere(string organisationName) =>
        new Message(
                "invitation.address.signsInElsewhere",
                $"This e-mail address already signs in to another organisation, and an address signs in to one organisation only: ask {organisationName} to invite another address of yours.",
                $"Cette adresse e-mail sert déjà à se connecter à une autre organisation, et une adresse ne sert qu'à une organisation : demandez à {organisationName} d'inviter une autre de vos adresses.")
            .With("organisation", organisationName);

    public static readonly Message OwnAdministratorRole = new(
        "user.roles.ownAdministrator",
        "You cannot remove your own administrator role: ask another administrator.",
        "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.");

    public static readonly Message DeactivateSelf =
        new("user.deactivate.self", "You cannot deactivate yourself.", "Vous ne pouvez pas vous désactiver vous-même.");

    public static readonly Message NotDeactivated =
        new("user.status.notDeactivated", "The user is not deactivated.", "L'utilisateur n'est pas désactivé.");

    public static readonly Message NotLocked =
        new("user.signIn.notPaused", "The user's sign-in is not paused: there is nothing to unlock.", "La connexion de l'utilisateur n'est pas suspendue : il n'y a rien à déverrouiller.");

    public static readonly Message LastAdministrator = new(
        "organisation.administrator.last",
        "This would leave the organisation without an active administrator.",
        "L'organisation se retrouverait sans administrateur actif.");

    public static readonly Message LanguageInvalid = new Message("language.invalid", "Choose \"fr\" or \"en\".", "Choisissez « fr » ou « en ».")
        .With("allowed", Languages.All);

    public static readonly Message ServiceAccountLanguage = new(
        "serviceAccount.language",
        "A service account reads no texts: it has no language.",
        "Un compte de service ne lit aucun texte : il n'a pas de langue.");

    public static readonly Message KeyRevoked =
        new("serviceAccount.revoked", "This key is already revoked.", "Cette clé est déjà révoquée.");

    public static Message InvitationSubject(string organisationName) =>
        new Message("invitation.email.subject", $"Infogérance — invitation ({organisationName})", $"Infogérance — invitation ({organisationName})")
            .With("organisation", organisationName);

    public static Message InvitationBody(string displayName, string organisationName, int days, string url) =>
        new Message(
                "invitation.email.body",
                $"""
                {displayName},

                You are invited to join {organisationName} on Infogérance. Choose your password here (the link works once, within {days} days):
                {url}
                """,
                $"""
                {displayName},

                Vous êtes invité(e) à rejoindre {organisationName} sur Infogérance. Choisissez votre mot de passe ici (le lien ne sert qu'une fois, dans les {days} jours) :
                {url}
                """)
            .With("displayName", displayName).With("organisation", organisationName).With("days", days).With("url", url);

    public static readonly Message UnlockSubject = new("unlock.email.subject", "Infogérance — sign-ins paused", "Infogérance — connexions suspendues");

    public static Message UnlockBody(string displayName, int minutes, string url) =>
        new Message(
                "unlock.email.body",
                $"""
                {displayName},

                After many wrong passwords, signing in to your account is paused for {minutes} minutes, except from the devices you signed in from lately.
                If it was you, open this link on the device you want to sign in from, and you can sign in there at once (the link works once, during the pause):
                {url}
                If it was not you, someone is guessing your password and the pause holds them back. If your password is short or used elsewhere, tell your administrator.
                """,
                $"""
                {displayName},

                Après de nombreux mots de passe erronés, la connexion à votre compte est suspendue pendant {minutes} minutes, sauf depuis les appareils d'où vous vous êtes connecté(e) récemment.
                Si c'était vous, ouvrez ce lien sur l'appareil d'où vous voulez vous connecter, et vous pourrez vous y connecter aussitôt (le lien ne sert qu'une fois, pendant la suspension) :
                {url}
                Si ce n'était pas vous, quelqu'un cherche votre mot de passe et la suspension le retient. Si votre mot de passe est court ou sert ailleurs, prévenez votre administrateur.
                """)
            .With("displayName", displayName).With("minutes", minutes).With("url", url);
}
