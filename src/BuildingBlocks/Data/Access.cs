using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Data;

/// <summary>The two sides of a contract, and the system acting for neither.</summary>
public static class Sides
{
    public const string Client = "client";
    public const string Provider = "provider";
    public const string System = "system";

    /// <summary>The caller's side: a provider's users act for the provider, everyone else for the client.</summary>
    public static string Of(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.OrganisationKind == OrganisationKind.Provider ? Provider : Client;
    }

    public static string Other(string side) => side == Client ? Provider : Client;
}

/// <summary>
/// The shape of every change to one object: opened in one transaction under the caller's tenant scope, the
/// object locked (404 when the caller does not see it, before anything else, so nothing leaks), then the change's
/// own answer, committed only when that answer is a success. Reads are the same without the lock and the commit, as
/// a read (<see cref="Database.ReadAsync(CurrentUser, CancellationToken)"/>).
/// </summary>
public static class Access
{
    /// <param name="load">Loads and locks the object, or returns null when the caller may not see it.</param>
    public static async Task<TResult> ChangeAsync<TRow, TResult>(
        this Database database, CurrentUser user, Func<UnitOfWork, Task<TRow?>> load, Func<UnitOfWork, TRow, Task<TResult>> change,
        Func<TResult> notFound, CancellationToken cancellationToken)
        where TRow : class
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(notFound);
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await load(unitOfWork) is not { } row)
        {
            return notFound();
        }

        var result = await change(unitOfWork, row);
        if (Succeeded(result))
        {
            await unitOfWork.CommitAsync();
        }

        return result;
    }

    /// <summary>Reads under the caller's scope: <paramref name="notFound"/> when the object is not visible.</summary>
    public static async Task<TResult> ReadAsync<TRow, TResult>(
        this Database database, CurrentUser user, Func<UnitOfWork, Task<TRow?>> load, Func<UnitOfWork, TRow, Task<TResult>> read,
        Func<TResult> notFound, CancellationToken cancellationToken)
        where TRow : class
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(notFound);
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        return await load(unitOfWork) is { } row ? await read(unitOfWork, row) : notFound();
    }

    /// <summary>A 2xx answer, looking inside <c>Results&lt;…&gt;</c> unions.</summary>
    public static bool Succeeded(IResult result)
    {
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        return inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 };
    }
}

/// <summary>Instants as our records keep them.</summary>
public static class Instants
{
    /// <summary>Now, to the whole second: clocks and histories count in seconds.</summary>
    public static DateTimeOffset NowToTheSecond(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToTheSecond(clock.GetUtcNow());
    }

    public static DateTimeOffset ToTheSecond(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));
}
