namespace Infogerance.IntegrationEvents;

/// <summary>
/// A person's account as other services need it to address them: raised when it is created (invited), activated,
/// changed (name, roles, language) or deactivated. It carries the whole account, so a consumer keeps the one with
/// the highest <see cref="Version"/> and may ignore older ones arriving late. <see cref="IntegrationEvent.TenantId"/>
/// is the person's own organisation (a client, a provider, or the platform).
/// </summary>
public sealed record UserAccountChanged : IntegrationEvent
{
    public required Guid UserId { get; init; }

    /// <summary><c>client</c>, <c>provider</c> or <c>platform</c>.</summary>
    public required string OrganisationKind { get; init; }

    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary><c>invited</c>, <c>active</c> or <c>deactivated</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The language the person reads the product in: <c>fr</c> or <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Grows with every change of the account.</summary>
    public required long Version { get; init; }
}
