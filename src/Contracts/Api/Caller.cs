using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>What the caller is to a contract: its side, and whether it manages the contract for that side.</summary>
public static class Caller
{
    public static string SideOf(CurrentUser user) => user.OrganisationKind == OrganisationKind.Provider ? Sides.Provider : Sides.Client;

    public static bool IsClientManager(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Client && (user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager));

    public static bool IsProviderManager(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Provider && user.IsInRole(Roles.AccountManager);

    public static bool IsManager(CurrentUser user) => IsClientManager(user) || IsProviderManager(user);

    public static AuditLog.Actor Actor(CurrentUser user) => AuditLog.Actor.Of(user);

    /// <summary>
    /// Runs <paramref name="change"/> on the contract under its row lock in one transaction: 404 when the caller does
    /// not see the contract (before anything else, so nothing leaks), the change's own answer otherwise; commits
    /// only when the change succeeded.
    /// </summary>
    public static async Task<IResult> ChangeAsync(
        Database database, CurrentUser user, Guid contractId, CancellationToken cancellationToken,
        Func<UnitOfWork, ContractRow, Task<IResult>> change)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await ContractStore.LoadAsync(unitOfWork, contractId, forUpdate: true) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        var result = await change(unitOfWork, contract);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            await unitOfWork.CommitAsync();
        }

        return result;
    }

    /// <summary>Reads under the caller's scope: 404 when the contract is not visible.</summary>
    public static async Task<IResult> ReadAsync(
        Database database, CurrentUser user, Guid contractId, CancellationToken cancellationToken,
        Func<UnitOfWork, ContractRow, Task<IResult>> read)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        return await ContractStore.LoadAsync(unitOfWork, contractId) is { } contract ? await read(unitOfWork, contract) : TypedResults.NotFound();
    }

    public static ForbidHttpResult NotYourSide() => TypedResults.Forbid();

    public static ProblemHttpResult Invalid(string field, string message) => Problems.Invalid(new Dictionary<string, string[]>() { [field] = [message] });
}
