namespace Infogerance.Identity.Domain;

/// <summary>
/// Every action the administration's audit log records: the codes its filter accepts, and the ones the application
/// must turn into a sentence in each language (a test checks that none is missing).
/// </summary>
public static class IdentityAuditActions
{
    public static IReadOnlyList<string> All { get; } =
    [
        "organisation.created", "organisation.renamed", "organisation.user-invited",
        "user.created", "user.invited", "user.invited-again", "user.invitation-accepted", "user.roles-changed", "user.language-changed",
        "user.deactivated", "user.reactivated", "user.signIn.paused", "user.signIn.pausedEverywhere", "user.signIn.unlockedByLink", "user.unlocked",
        "service-account.created", "service-account.revoked", "signing-key.created",
    ];
}
