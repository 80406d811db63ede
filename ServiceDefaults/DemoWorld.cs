namespace Infogerance.ServiceDefaults;

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

    public sealed record Login(Guid OrganisationId, string Email, string DisplayName, string Role);

    public static IReadOnlyList<Organisation> Organisations { get; } =
    [
        new(Acme, "Acme Industries", OrganisationKind.Client),
        new(Belvedere, "Belvédère Santé", OrganisationKind.Client),
        new(Antares, "Antares Services", OrganisationKind.Provider),
        new(Nordlys, "Nordlys IT", OrganisationKind.Provider),
    ];

    public static IReadOnlyList<Login> Logins { get; } =
    [
        new(Platform, "operator@infogerance.example", "Olivia Opérateur", Roles.Operator),
        new(Acme, "admin@acme.example", "Alice Martin", Roles.TenantAdmin),
        new(Acme, "manager@acme.example", "Marc Dubois", Roles.ContractManager),
        new(Acme, "requester@acme.example", "Rachel Petit", Roles.Requester),
        new(Acme, "auditor@acme.example", "Aurélien Roux", Roles.Auditor),
        new(Belvedere, "admin@belvedere-sante.example", "Béatrice Lemoine", Roles.TenantAdmin),
        new(Belvedere, "manager@belvedere-sante.example", "Bruno Caron", Roles.ContractManager),
        new(Belvedere, "requester@belvedere-sante.example", "Inès Girard", Roles.Requester),
        new(Belvedere, "auditor@belvedere-sante.example", "Hugo Lefèvre", Roles.Auditor),
        new(Antares, "manager@antares.example", "Antoine Garnier", Roles.AccountManager),
        new(Antares, "agent1@antares.example", "Léa Fontaine", Roles.AgentL1),
        new(Antares, "agent2@antares.example", "Karim Benali", Roles.AgentL2),
        new(Nordlys, "manager@nordlys.example", "Ingrid Solberg", Roles.AccountManager),
        new(Nordlys, "agent1@nordlys.example", "Lars Nilsen", Roles.AgentL1),
        new(Nordlys, "agent2@nordlys.example", "Sofie Dahl", Roles.AgentL2),
    ];
}
