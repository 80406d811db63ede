using System.Net;
using System.Text;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Infogerance.Gateway;

/// <summary>
/// The contract's dossier the user downloads, put together here. Each service that owns part of it serves its part for
/// the contract under its own API, and services never call each other: the gateway asks each for its part with the
/// caller's own credentials and merges them into one archive with one manifest (<see cref="DossierArchive.Merge"/>):
/// Contracts' files at the root, Invoicing's under <c>invoicing/</c>, Incidents' under <c>incidents/</c>. The
/// Contracts part says who may have the dossier: its refusal (401, 403, 404) is the answer. A dossier missing another
/// part is never sent: 503 when a part cannot be had now, 502 when one cannot be used.
/// </summary>
/// <remarks>
/// Its route is the Contracts proxy route's own path, which it takes over: endpoints come before the proxy's routes
/// (Order 1). Every part is held in memory, up to <see cref="DossierSettings.MaxPartBytes"/> each, while they are
/// merged; the merged archive is written to a temporary file deleted once sent.
/// </remarks>
public static partial class ContractDossier
{
    public const string Path = "/api/contracts/{contractId:guid}/dossier";
    public const string ClientName = "dossier";

    /// <summary>A part: the service serving it, its path there, and its folder in the whole (the first part's files stay at the root).</summary>
    private sealed record Source(string Service, string PathFormat, string Prefix);

    private static readonly Source[] Sources =
    [
        new("contracts", "/{0}/dossier", ""),
        new("invoicing", "/contracts/{0}/dossier", "invoicing/"),
        new("incidents", "/contracts/{0}/dossier", "incidents/"),
    ];

    /// <summary>What each part is asked with from the caller's request: who asks, narrowed to which client, in which language.</summary>
    private static readonly string[] ForwardedHeaders = [HeaderNames.Authorization, HeaderNames.AcceptLanguage, CurrentUser.TenantHeader];

    /// <summary>A service's answer for its part; a part that could not be had at all is answered 503 here, one too large 502.</summary>
    private sealed record Answer(Source Source, HttpStatusCode Status, byte[] Body, string? ContentType, string? FileName);

    public static void MapContractDossier(this IEndpointRouteBuilder app) => app.MapGet(Path, DownloadAsync);

    /// <summary>Downloads the contract's whole dossier: every service's part in one ZIP with one checksummed manifest.</summary>
    public static async Task<Results<FileStreamHttpResult, ContentHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid contractId, HttpContext context, IHttpClientFactory clients, IOptions<DossierSettings> settings, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger(typeof(ContractDossier));
        var http = clients.CreateClient(ClientName);
        var answers = await Task.WhenAll(Sources.Select(source => AskAsync(http, source, contractId, context.Request, settings.Value, logger, cancellationToken)));

        var contracts = answers[0];
        if ((int)contracts.Status is >= 400 and < 500)
        {
            return TypedResults.Content(
                Encoding.UTF8.GetString(contracts.Body), contracts.ContentType ?? "application/problem+json", Encoding.UTF8, (int)contracts.Status);
        }

        if (answers.FirstOrDefault(answer => answer.Status != HttpStatusCode.OK) is { } failed)
        {
            PartFailed(logger, failed.Source.Service, (int)failed.Status);
            // A part not found while the contract is seen: that service has not heard of the contract yet (its replica lags).
            return failed.Status is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable
                ? GatewayMessages.Problem(StatusCodes.Status503ServiceUnavailable, GatewayMessages.DossierIncompleteTitle, GatewayMessages.DossierPartUnavailable(failed.Source.Service))
                : GatewayMessages.Problem(StatusCodes.Status502BadGateway, GatewayMessages.DossierIncompleteTitle, GatewayMessages.DossierPartUnusable);
        }

        var merged = new FileStream(
            System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dossier-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 81920, FileOptions.DeleteOnClose);
        try
        {
            DossierArchive.Merge(merged, [.. answers.Select(answer => new DossierPart(answer.Source.Prefix, answer.Body))], clock.GetUtcNow());
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            await merged.DisposeAsync();
            MergeFailed(logger, e);
            return GatewayMessages.Problem(StatusCodes.Status502BadGateway, GatewayMessages.DossierIncompleteTitle, GatewayMessages.DossierPartUnusable);
        }

        merged.Position = 0;
        // Sent, then disposed, which deletes the file.
        return TypedResults.File(merged, "application/zip", contracts.FileName ?? "dossier.zip");
    }

    private static async Task<Answer> AskAsync(
        HttpClient http, Source source, Guid contractId, HttpRequest caller, DossierSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var maxBytes = settings.MaxPartBytes;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{source.Service}{string.Format(System.Globalization.CultureInfo.InvariantCulture, source.PathFormat, contractId)}");
        foreach (var header in ForwardedHeaders)
        {
            if (caller.Headers.TryGetValue(header, out var values))
            {
                request.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PartTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var headers = response.Content.Headers;
            if (headers.ContentLength > maxBytes)
            {
                PartTooLarge(logger, source.Service, headers.ContentLength.Value, maxBytes);
                return new Answer(source, HttpStatusCode.BadGateway, [], null, null);
            }

            await response.Content.LoadIntoBufferAsync(maxBytes, timeout.Token);
            return new Answer(
                source, response.StatusCode, await response.Content.ReadAsByteArrayAsync(timeout.Token), headers.ContentType?.ToString(),
                headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"'));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            PartUnreachable(logger, source.Service, e);
            return new Answer(source, HttpStatusCode.ServiceUnavailable, [], null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier not sent: the {Service} part failed ({Status})")]
    private static partial void PartFailed(ILogger logger, string service, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier not sent: the {Service} part has {Size} bytes, more than the {Limit} allowed (Dossier:MaxPartBytes)")]
    private static partial void PartTooLarge(ILogger logger, string service, long size, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier not sent: the {Service} part could not be had")]
    private static partial void PartUnreachable(ILogger logger, string service, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier not sent: its parts could not be merged")]
    private static partial void MergeFailed(ILogger logger, Exception exception);
}
