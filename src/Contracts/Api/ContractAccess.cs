using Infogerance.Contracts.Data;
using Infogerance.Data;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

/// <summary>What most contract endpoints work with: the database, the caller and the clock.</summary>
public sealed record ContractServices(Database Database, CurrentUser User, TimeProvider Clock)
{
    public DateOnly Today => ContractsApi.Today(Clock);
}

/// <summary>
/// What the caller is to a contract (its side comes from <see cref="Sides.Of"/>), and the contract opened for a
/// change or a read under the shared <see cref="Access"/> rules: 404 when the caller does not see it.
/// </summary>
public static class ContractAccess
{
    public static bool IsClientManager(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Client && (user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager));

    public static bool IsProviderManager(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Provider && user.IsInRole(Roles.AccountManager);

    public static bool IsManager(CurrentUser user) => IsClientManager(user) || IsProviderManager(user);

    /// <summary>Runs <paramref name="change"/> on the contract under its row lock; commits only when the answer is a success.</summary>
    public static Task<TResult> ChangeAsync<TResult>(
        this ContractServices services, Guid contractId, Func<TResult> notFound, Func<UnitOfWork, ContractRow, Task<TResult>> change,
        CancellationToken cancellationToken)
        where TResult : IResult =>
        services.Database.ChangeAsync(
            services.User, unitOfWork => ContractStore.LoadAsync(unitOfWork, contractId, forUpdate: true), change, notFound, cancellationToken);

    /// <summary>Runs <paramref name="read"/> on the contract the caller sees.</summary>
    public static Task<TResult> ReadAsync<TResult>(
        this ContractServices services, Guid contractId, Func<TResult> notFound, Func<UnitOfWork, ContractRow, Task<TResult>> read,
        CancellationToken cancellationToken)
        where TResult : IResult =>
        services.Database.ReadAsync(services.User, unitOfWork => ContractStore.LoadAsync(unitOfWork, contractId), read, notFound, cancellationToken);
}
