using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Infogerance.Gateway.Security;

/// <summary>
/// Kestrel refuses a request line over its limit with a bare 414, before any middleware runs. Its limit is set well
/// above ours, so that an over-long address reaches this middleware and is answered like any other bad input: a
/// problem naming the part that is too long. Only what is over Kestrel's own limit still gets the bare answer.
/// </summary>
public sealed class RequestTargetLimit(RequestDelegate next)
{
    /// <summary>The longest path and query accepted, in characters, as most browsers and proxies accept.</summary>
    public const int MaxLength = 8 * 1024;

    public const int KestrelLimit = 64 * 1024;

    public static void RaiseKestrelLimit(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = KestrelLimit;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var pathLength = request.PathBase.Value?.Length + request.Path.Value?.Length ?? 0;
        var queryLength = request.QueryString.Value?.Length ?? 0;
        if (pathLength + queryLength <= MaxLength)
        {
            return next(context);
        }

        var field = queryLength > pathLength ? "query" : "path";
        var details = Problems.ValidationProblem(FieldErrors.Of(field, GatewayMessages.AddressTooLong(MaxLength)), StatusCodes.Status414UriTooLong);
        return TypedResults.Problem(details).ExecuteAsync(context);
    }
}
