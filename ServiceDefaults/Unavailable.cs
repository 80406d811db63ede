using System.Globalization;
using System.Net.Sockets;
using Infogerance.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// Which failures mean "the database cannot be reached for now" (the server stopped, restarting or refusing
/// connections, the socket closed under a command, the pool with no connection to give): the request was sound and
/// will succeed once the database is back, so it is a 503 the caller may retry, not a 500. A failure of the statement
/// itself (a constraint, a syntax error, a serialization conflict) is no outage and stays a server error to fix.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long a caller is asked to wait: PostgreSQL restarted by its supervisor accepts connections within seconds.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // 08: connection exceptions; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
    // recovering); 53300 too_many_connections.
    private static readonly HashSet<string> OutageStates = ["57P01", "57P02", "57P03", "53300"];

    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || OutageStates.Contains(postgres.SqlState);
                // Npgsql's own failures (no server answer): transient when the socket, the stream or the pool's wait failed.
                case NpgsqlException npgsql:
                    return npgsql.IsTransient;
                // A call to another service, whose socket failures are that service's (see DependencyOutage).
                case HttpRequestException:
                    return false;
                case SocketException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsOutage);
            }
        }

        return false;
    }
}

/// <summary>
/// Which failures of a call to another of our services mean "it cannot answer for now" (not reached, answering
/// 502/503/504, too slow, or its circuit open after repeated failures): the request will succeed once it is back.
/// A 500 or a 4xx from it is no outage.
/// </summary>
public static class DependencyOutage
{
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException { StatusCode: { } status }:
                    return (int)status is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout;
                case HttpRequestException http:
                    return http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
                case TimeoutRejectedException or BrokenCircuitException:
                    return true;
            }
        }

        return false;
    }
}

/// <summary>What a 503 for an outage says, in both languages.</summary>
public static class UnavailableTexts
{
    public static Message Database(TimeSpan retryAfter) => new Message(
            "unavailable.database",
            "The service cannot reach its data for the moment: retry in a few seconds.",
            "Le service ne peut pas joindre ses données pour le moment : réessayez dans quelques secondes.")
        .With("retryAfterSeconds", (int)retryAfter.TotalSeconds);

    public static Message Dependency(TimeSpan retryAfter) => new Message(
            "unavailable.dependency",
            "A service this request needs does not answer for the moment: retry in a few seconds.",
            "Un service nécessaire à cette requête ne répond pas pour le moment : réessayez dans quelques secondes.")
        .With("retryAfterSeconds", (int)retryAfter.TotalSeconds);
}

/// <summary>
/// Answers a request that failed on an unreachable database, or on another of our services that cannot answer,
/// with 503, a <c>Retry-After</c> and a problem in the caller's language, instead of the 500 of a bug. Nothing was
/// written: the transaction never committed.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var message = DatabaseOutage.IsOutage(exception) ? UnavailableTexts.Database(DatabaseOutage.RetryAfter)
            : DependencyOutage.IsOutage(exception) ? UnavailableTexts.Dependency(DatabaseOutage.RetryAfter)
            : null;
        if (message is null || context.Response.HasStarted)
        {
            return false;
        }

        // One line, not a stack trace per request: during an outage every request fails the same way.
        LogUnavailable(logger, context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = ProblemTexts.TitleOf(StatusCodes.Status503ServiceUnavailable).Text,
            Detail = message.Text,
            Extensions = { [Problems.CodeKey] = message.Code, [Problems.ParametersKey] = message.Parameters },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: 503, a database or a service it needs cannot be reached ({Exception}: {Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exception, string reason);
}
