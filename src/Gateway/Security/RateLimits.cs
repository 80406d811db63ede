using System.Globalization;
using System.Threading.RateLimiting;
using Infogerance.Gateway.Bff;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Infogerance.Gateway.Security;

/// <summary>The per-organisation limiter, applied once the gateway knows whom a request speaks for.</summary>
public sealed class TenantRateLimiter(IOptions<RateLimitSettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(organisation =>
        RateLimitPartition.GetTokenBucketLimiter(organisation, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Value.Burst,
            TokensPerPeriod = settings.Value.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        }));

    public RateLimitLease Acquire(string organisation) => _limiter.AttemptAcquire(organisation);

    public void Dispose() => _limiter.Dispose();
}

public static class RateLimits
{
    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, configured) =>
        {
            var settings = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => RejectAsync(context.HttpContext, context.Lease);

            options.AddPolicy(BffApi.LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1) }));

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/bff"))
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(Address(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.AddressBurst,
                        TokensPerPeriod = settings.RequestsPerAddressPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    }));
        });
    }

    /// <summary>429 with Retry-After when the limiter can tell, and a problem-details body.</summary>
    public static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await GatewayMessages.Problem(StatusCodes.Status429TooManyRequests, GatewayMessages.TooManyRequestsTitle, GatewayMessages.TooManyRequests)
            .ExecuteAsync(context);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
