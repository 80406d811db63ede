using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Infogerance.ServiceDefaults;

public static partial class Extensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";

    /// <summary>Activity sources and meters of our own code all start with this prefix.</summary>
    public const string TelemetryPrefix = "Infogerance";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        StartupTaskExtensions.ReportStartupFailuresAsOneLine(builder.Environment.ApplicationName);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // A retried POST may act twice (a log-in would count two failures): only safe methods are retried.
            http.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });

        // The answer need not name the server it came from.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTexts.Localise);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureRequestJson(options.SerializerOptions));
        builder.AddDefaultOpenApi();
        return builder;
    }

    /// <summary>One JSON shape for every API: camelCase, enums as camelCase strings, no nulls written.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new TextWithoutNul());
    }

    /// <summary>
    /// <see cref="ConfigureJson"/>, and what a request body must also be to be read at all: numbers kept exactly, days and
    /// instants within the product's years, instants with their offset, named values by name only. Stored JSON is read
    /// without these checks.
    /// </summary>
    public static void ConfigureRequestJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConfigureJson(options);
        // Ahead of ConfigureJson's: a number is no name, and would be read as a value no enum member has.
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new ExactDecimal());
        options.Converters.Add(new BoundedDay());
        options.Converters.Add(new InstantWithOffset());
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter("Npgsql")
                .AddMeter($"{TelemetryPrefix}.*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{TelemetryPrefix}.*")
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes and scrapes every few seconds would drown the real traces.
                    options.Filter = context => !IsInfrastructurePath(context.Request.Path);
                    options.EnrichWithHttpRequest = (activity, request) => RedactSecrets(activity, "url.path");
                })
                .AddHttpClientInstrumentation(options =>
                    options.EnrichWithHttpRequestMessage = (activity, request) => RedactSecrets(activity, "url.full"))
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// Health, liveness and metrics endpoints, mapped in every environment: orchestrators probe production too.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseRequestLanguage();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<NulInRequestRefusal>();
        // Here rather than where the host would put them, ahead of everything: a 401 or 403 is then answered like any
        // other refusal, a problem in the caller's language, not an empty body. (The gateway authenticates its own way.)
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        // Ready: every check, database and broker included.
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        // Alive: the process answers; dependencies are not its concern.
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        app.MapDefaultOpenApi();
        return app;
    }

    /// <summary>
    /// Invitation links carry their one-time secret in the path; traces are read by operators, who must not be
    /// able to use them. Our secrets have one shape (kind_organisation_secret): that is what is masked.
    /// </summary>
    public static void RedactSecrets(Activity activity, string tag)
    {
        if (activity.GetTagItem(tag) is string value && SecretPattern().IsMatch(value))
        {
            activity.SetTag(tag, SecretPattern().Replace(value, "$1_[redacted]"));
        }
    }

    [GeneratedRegex("(ses|inv|ifgk)_[0-9a-f]{32}_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretPattern();

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath) || path.StartsWithSegments(MetricsPath);
}

public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
