using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications.Tests;

/// <summary>
/// A contract between a client and a provider, with people on both sides, at another client and another provider, and
/// at the platform: each role once, plus the people a test adds.
/// </summary>
internal static class World
{
    public static readonly Guid Client = Guid.Parse("00000000-0000-0000-0000-00000000c001");
    public static readonly Guid OtherClient = Guid.Parse("00000000-0000-0000-0000-00000000c002");
    public static readonly Guid Provider = Guid.Parse("00000000-0000-0000-0000-00000000b001");
    public static readonly Guid OtherProvider = Guid.Parse("00000000-0000-0000-0000-00000000b002");
    public static readonly Guid Platform = PlatformOrganisation.Id;
    public static readonly Guid Contract = Guid.Parse("00000000-0000-0000-0000-0000000c0001");

    public static readonly ContractParties Open = new(Client, Provider, IsOpen: true);
    public static readonly ContractParties Closed = Open with { IsOpen = false };

    public static readonly Person ClientAdmin = Someone(Client, "client", Roles.TenantAdmin);
    public static readonly Person ClientManager = Someone(Client, "client", Roles.ContractManager);
    public static readonly Person ClientRequester = Someone(Client, "client", Roles.Requester);
    public static readonly Person ClientAuditor = Someone(Client, "client", Roles.Auditor);
    public static readonly Person AccountManager = Someone(Provider, "provider", Roles.AccountManager);
    public static readonly Person AgentL1 = Someone(Provider, "provider", Roles.AgentL1);
    public static readonly Person AgentL2 = Someone(Provider, "provider", Roles.AgentL2);
    public static readonly Person OtherClientManager = Someone(OtherClient, "client", Roles.ContractManager);
    public static readonly Person OtherAccountManager = Someone(OtherProvider, "provider", Roles.AccountManager);
    public static readonly Person OtherAgentL2 = Someone(OtherProvider, "provider", Roles.AgentL2);
    public static readonly Person Operator = Someone(Platform, "platform", Roles.Operator);

    public static IReadOnlyList<Person> Everyone { get; } =
    [
        ClientAdmin, ClientManager, ClientRequester, ClientAuditor, AccountManager, AgentL1, AgentL2,
        OtherClientManager, OtherAccountManager, OtherAgentL2, Operator,
    ];

    public static Person Someone(Guid organisation, string kind, params string[] roles) =>
        new(Guid.CreateVersion7(), organisation, kind, roles, Person.Active);

    /// <summary>Who of <see cref="Everyone"/> (and <paramref name="others"/>) receives <paramref name="notice"/> on the open contract.</summary>
    public static IReadOnlyList<Person> Recipients(Notice? notice, params Person[] others) => Recipients(notice, Open, others);

    public static IReadOnlyList<Person> Recipients(Notice? notice, ContractParties contract, params Person[] others)
    {
        Assert.NotNull(notice);
        return Domain.Recipients.Choose(notice.Audience, contract, [.. Everyone, .. others]);
    }
}
