using System.Globalization;
using System.Net.Sockets;
using Infogerance.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Infogerance.Gateway;

/// <summary>
/// When the proxy itself cannot reach a service (stopped, restarting, not answering in time), YARP sets a bare status.
/// The caller gets instead a problem in its language naming the service, and a <c>Retry-After</c>: a service restarted
/// by its supervisor answers again within seconds. A refused connection is the service being unavailable (503), not a
/// bad answer from it (502). A service's own answers, 503s included, pass through as they are.
/// </summary>
public sealed partial class ProxyErrors(RequestDelegate next, ILogger<ProxyErrors> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted
            || error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            return;
        }

        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var status = StatusOf(error.Error, error.Exception, context.Response.StatusCode);
        LogProxyError(logger, service, error.Error, status);
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await Problems.Problem(status, GatewayMessages.ServiceUnreachable(service, RetryAfter)).ExecuteAsync(context);
    }

    /// <summary>The status for a forwarding failure; <paramref name="proxyStatus"/> is the one YARP chose.</summary>
    public static int StatusOf(ForwarderError error, Exception? exception, int proxyStatus) => error switch
    {
        ForwarderError.NoAvailableDestinations => StatusCodes.Status503ServiceUnavailable,
        ForwarderError.Request when IsRefused(exception) => StatusCodes.Status503ServiceUnavailable,
        ForwarderError.RequestTimedOut => StatusCodes.Status504GatewayTimeout,
        _ => proxyStatus is >= 500 and <= 599 ? proxyStatus : StatusCodes.Status502BadGateway,
    };

    private static bool IsRefused(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                    or SocketError.HostNotFound or SocketError.TryAgain;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Service} service could not be reached ({Error}): answered {Status}")]
    private static partial void LogProxyError(ILogger logger, string service, ForwarderError error, int status);
}
