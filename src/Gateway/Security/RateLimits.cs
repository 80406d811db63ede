using System.Globalization;
using System.Threading.RateLimiting;
using Infogerance.Gateway.Bff;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Infogerance.Gateway.Security;

/// <summary>The "RateLimits" configuration section.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Log-in attempts per client address per minute (the account lockout counts per account).</summary>
    public int LoginsPerAddressPerMinute { get; set; } = 10;

    /// <summary>API requests per second one organisation (or anonymous address) may sustain, and its burst.</summary>
    public int RequestsPerSecond { get; set; } = 100;
    public int Burst { get; set; } = 400;
}

public static class RateLimits
{
    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration("RateLimits");
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, configured) =>
        {
            var settings = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(title: "Too many requests", detail: "Slow down and retry later.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };

            options.AddPolicy(BffApi.LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1) }));

            // Per tenant: one organisation's flood must not starve the others.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(
                        context.Items[DownstreamCredentials.OrganisationItem] as string ?? Address(context),
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = settings.Burst,
                            TokensPerPeriod = settings.RequestsPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        }));
        });
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
