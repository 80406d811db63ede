using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infogerance.ServiceDefaults;

public enum OrganisationKind
{
    Client,
    Provider,
    Platform,
}

/// <summary>The platform's own organisation, home of the Operators; created by Identity's first migration.</summary>
public static class PlatformOrganisation
{
    public static readonly Guid Id = Guid.Parse("01960000-0000-7000-8000-000000000001");
}

/// <summary>The roles of the product. A user's roles all belong to its organisation's kind.</summary>
public static class Roles
{
    public const string TenantAdmin = nameof(TenantAdmin);
    public const string ContractManager = nameof(ContractManager);
    public const string Requester = nameof(Requester);
    public const string Auditor = nameof(Auditor);
    public const string AccountManager = nameof(AccountManager);
    public const string AgentL1 = nameof(AgentL1);
    public const string AgentL2 = nameof(AgentL2);
    public const string Operator = nameof(Operator);

    public static IReadOnlyList<string> Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Client => [TenantAdmin, ContractManager, Requester, Auditor],
        OrganisationKind.Provider => [AccountManager, AgentL1, AgentL2],
        _ => [Operator],
    };

    /// <summary>The role that administers an organisation's own users and service accounts.</summary>
    public static string AdministratorOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Client => TenantAdmin,
        OrganisationKind.Provider => AccountManager,
        _ => Operator,
    };

    public static IReadOnlyList<string> All { get; } =
        [.. Of(OrganisationKind.Client), .. Of(OrganisationKind.Provider), .. Of(OrganisationKind.Platform)];
}

/// <summary>Authorization policies shared by the services; each lists the roles it admits.</summary>
public static class Policies
{
    public const string OrganisationAdmin = nameof(OrganisationAdmin);
    public const string Operator = nameof(Operator);

    /// <summary>Everyone who works on contracts, on either side: they read what their contracts let them see.</summary>
    public const string ContractReaders = nameof(ContractReaders);

    /// <summary>
    /// The people who work on contracts, on either side, signed in as themselves: what is addressed to one person (their
    /// notifications) is not for a service account's key.
    /// </summary>
    public const string ContractPeople = nameof(ContractPeople);

    /// <summary>Every role of a client company.</summary>
    public const string ClientUsers = nameof(ClientUsers);

    /// <summary>The client side's managers of contracts.</summary>
    public const string ClientManagers = nameof(ClientManagers);

    /// <summary>Managers of either side: the client's contract managers and the provider's account managers.</summary>
    public const string ContractManagers = nameof(ContractManagers);

    /// <summary>Those who answer for a contract and may read its audit trail and export its dossier.</summary>
    public const string ContractOversight = nameof(ContractOversight);

    /// <summary>
    /// Those who steer a contract and read its figures (scorecards, service levels, desk load): every role of either side
    /// but the client's requesters, who see only the tickets they opened.
    /// </summary>
    public const string SteeringReaders = nameof(SteeringReaders);

    /// <summary>A provider's desk: its account managers and agents, who work the tickets of its clients.</summary>
    public const string Desk = nameof(Desk);

    /// <summary>Those who run a provider's desk: its account managers.</summary>
    public const string DeskManagers = nameof(DeskManagers);

    /// <summary>The roles <see cref="SteeringReaders"/> admits: who may read a contract's figures, on either side.</summary>
    public static IReadOnlyList<string> SteeringReaderRoles { get; } =
        [Roles.TenantAdmin, Roles.ContractManager, Roles.Auditor, Roles.AccountManager, Roles.AgentL1, Roles.AgentL2];

    public static void AddDefaultPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(ContractReaders, policy => policy.RequireRole([.. Roles.Of(OrganisationKind.Client), .. Roles.Of(OrganisationKind.Provider)]));
        options.AddPolicy(ContractPeople, policy => policy
            .RequireRole([.. Roles.Of(OrganisationKind.Client), .. Roles.Of(OrganisationKind.Provider)])
            .RequireClaim(ClaimNames.SubjectKind, "user"));
        options.AddPolicy(ClientUsers, policy => policy.RequireRole([.. Roles.Of(OrganisationKind.Client)]));
        options.AddPolicy(ClientManagers, policy => policy.RequireRole(Roles.TenantAdmin, Roles.ContractManager));
        options.AddPolicy(ContractManagers, policy => policy.RequireRole(Roles.TenantAdmin, Roles.ContractManager, Roles.AccountManager));
        options.AddPolicy(ContractOversight, policy => policy.RequireRole(Roles.TenantAdmin, Roles.ContractManager, Roles.Auditor, Roles.AccountManager));
        options.AddPolicy(SteeringReaders, policy => policy.RequireRole(SteeringReaderRoles));
        options.AddPolicy(Desk, policy => policy.RequireRole([.. Roles.Of(OrganisationKind.Provider)]));
        options.AddPolicy(DeskManagers, policy => policy.RequireRole(Roles.AccountManager));

        // Administration is for people: a service account's key must not mint keys or invite users.
        options.AddPolicy(OrganisationAdmin, policy => policy
            .RequireRole(Roles.TenantAdmin, Roles.AccountManager, Roles.Operator)
            .RequireClaim(ClaimNames.SubjectKind, "user"));
        options.AddPolicy(Operator, policy => policy.RequireRole(Roles.Operator).RequireClaim(ClaimNames.SubjectKind, "user"));
    }
}

/// <summary>Names of the claims our access tokens carry.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string Organisation = "org";
    public const string OrganisationKind = "org_kind";
    public const string Session = "sid";
    /// <summary>"user" or "service": who the subject is.</summary>
    public const string SubjectKind = "sub_kind";
}

/// <summary>
/// The caller of a request, read from its validated access token. Provider users may narrow their view to one
/// client tenant with the <c>X-Tenant-Id</c> header; without it they see all the tenants they serve at once.
/// </summary>
public sealed record CurrentUser(
    Guid Id,
    string Name,
    Guid OrganisationId,
    OrganisationKind OrganisationKind,
    IReadOnlyList<string> Roles,
    bool IsServiceAccount,
    Guid? SelectedTenantId)
{
    public const string TenantHeader = "X-Tenant-Id";

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Minimal API binding: endpoints declare a <see cref="CurrentUser"/> parameter.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(From(context.User, context.Request.Headers[TenantHeader]));

    public static CurrentUser? From(ClaimsPrincipal principal, string? selectedTenant = null)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimNames.Subject), out var id)
            || !Guid.TryParse(principal.FindFirstValue(ClaimNames.Organisation), out var organisation)
            || !Enum.TryParse<OrganisationKind>(principal.FindFirstValue(ClaimNames.OrganisationKind), ignoreCase: true, out var kind))
        {
            return null;
        }

        return new CurrentUser(
            id,
            principal.FindFirstValue(ClaimNames.Name) ?? "",
            organisation,
            kind,
            [.. principal.FindAll(ClaimNames.Role).Select(claim => claim.Value)],
            principal.FindFirstValue(ClaimNames.SubjectKind) == "service",
            Guid.TryParse(selectedTenant, out var tenant) ? tenant : null);
    }
}

public static class AuthenticationExtensions
{
    public const string Audience = "infogerance-api";

    /// <summary>
    /// Validates the Identity service's access tokens with the stock JwtBearer handler: keys come from its
    /// OpenID discovery document and JWKS (fetched through service discovery), and every endpoint requires an
    /// authenticated caller unless it says otherwise.
    /// </summary>
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var identity = builder.Configuration.GetSection("Identity");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, httpClients) =>
            {
                options.Authority = identity["Authority"] ?? "http://identity";
                options.RequireHttpsMetadata = options.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
                options.Audience = Audience;
                options.MapInboundClaims = false;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberedTokens(TimeProvider.System) { MapInboundClaims = false });
                options.TokenValidationParameters.NameClaimType = ClaimNames.Name;
                options.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                // Tokens live under a minute so that a deactivation bites within one; the default five-minute
                // skew would undo that.
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(5);
                options.Backchannel = httpClients.CreateClient("identity-metadata");
                // Identity publishes a new signing key an hour before it signs with it: re-reading the JWKS
                // more often than that means no valid token ever meets an unknown key.
                options.AutomaticRefreshInterval = TimeSpan.FromMinutes(10);
            });

        builder.Services.AddAuthorization(options =>
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            options.AddDefaultPolicies();
        });
        return builder;
    }
}
