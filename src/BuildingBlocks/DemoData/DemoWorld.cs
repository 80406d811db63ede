using Infogerance.ServiceDefaults;

namespace Infogerance.DemoData;

/// <summary>
/// The demo world the run command loads once: two client tenants, two providers, one user per role, all with the
/// demo password. Demo only: never loaded unless asked for. Later services add their data to these organisations.
/// </summary>
public static class DemoWorld
{
    public const string Password = "Demo-Password-2026";

    public static readonly Guid Platform = PlatformOrganisation.Id;
    public static readonly Guid Acme = Guid.Parse("01960000-0000-7000-8000-00000000a001");
    public static readonly Guid Belvedere = Guid.Parse("01960000-0000-7000-8000-00000000a002");
    public static readonly Guid Antares = Guid.Parse("01960000-0000-7000-8000-00000000b001");
    public static readonly Guid Nordlys = Guid.Parse("01960000-0000-7000-8000-00000000b002");

    public sealed record Organisation(Guid Id, string Name, OrganisationKind Kind);

    /// <summary>A demo user; its fixed <see cref="UserId"/> lets other services' demo data name it (a ticket's requester).</summary>
    public sealed record Login(Guid OrganisationId, string Email, string DisplayName, string Role, Guid UserId);

    /// <summary>The demo contracts the Contracts service loads: Acme ↔ Antares in run, Belvédère ↔ Nordlys in takeover.</summary>
    public static readonly Guid AcmeContract = Guid.Parse("01960000-0000-7000-8000-00000000c001");
    public static readonly Guid BelvedereContract = Guid.Parse("01960000-0000-7000-8000-00000000c002");

    public static Login LoginOf(string email) => Logins.Single(login => login.Email == email);

    public static IReadOnlyList<Organisation> Organisations { get; } =
    [
        new(Acme, "Acme Industries", OrganisationKind.Client),
        new(Belvedere, "Belvédère Santé", OrganisationKind.Client),
        new(Antares, "Antares Services", OrganisationKind.Provider),
        new(Nordlys, "Nordlys IT", OrganisationKind.Provider),
    ];

    public static IReadOnlyList<Login> Logins { get; } =
    [
        new(Platform, "operator@infogerance.example", "Olivia Opérateur", Roles.Operator, Guid.Parse("01960000-0000-7000-8000-0000000e0001")),
        new(Acme, "admin@acme.example", "Alice Martin", Roles.TenantAdmin, Guid.Parse("01960000-0000-7000-8000-0000000e0002")),
        new(Acme, "manager@acme.example", "Marc Dubois", Roles.ContractManager, Guid.Parse("01960000-0000-7000-8000-0000000e0003")),
        new(Acme, "requester@acme.example", "Rachel Petit", Roles.Requester, Guid.Parse("01960000-0000-7000-8000-0000000e0004")),
        new(Acme, "auditor@acme.example", "Aurélien Roux", Roles.Auditor, Guid.Parse("01960000-0000-7000-8000-0000000e0005")),
        new(Belvedere, "admin@belvedere-sante.example", "Béatrice Lemoine", Roles.TenantAdmin, Guid.Parse("01960000-0000-7000-8000-0000000e0006")),
        new(Belvedere, "manager@belvedere-sante.example", "Bruno Caron", Roles.ContractManager, Guid.Parse("01960000-0000-7000-8000-0000000e0007")),
        new(Belvedere, "requester@belvedere-sante.example", "Inès Girard", Roles.Requester, Guid.Parse("01960000-0000-7000-8000-0000000e0008")),
        new(Belvedere, "auditor@belvedere-sante.example", "Hugo Lefèvre", Roles.Auditor, Guid.Parse("01960000-0000-7000-8000-0000000e0009")),
        new(Antares, "manager@antares.example", "Antoine Garnier", Roles.AccountManager, Guid.Parse("01960000-0000-7000-8000-0000000e000a")),
        new(Antares, "agent1@antares.example", "Léa Fontaine", Roles.AgentL1, Guid.Parse("01960000-0000-7000-8000-0000000e000b")),
        new(Antares, "agent2@antares.example", "Karim Benali", Roles.AgentL2, Guid.Parse("01960000-0000-7000-8000-0000000e000c")),
        new(Nordlys, "manager@nordlys.example", "Ingrid Solberg", Roles.AccountManager, Guid.Parse("01960000-0000-7000-8000-0000000e000d")),
        new(Nordlys, "agent1@nordlys.example", "Lars Nilsen", Roles.AgentL1, Guid.Parse("01960000-0000-7000-8000-0000000e000e")),
        new(Nordlys, "agent2@nordlys.example", "Sofie Dahl", Roles.AgentL2, Guid.Parse("01960000-0000-7000-8000-0000000e000f")),
    ];
}
