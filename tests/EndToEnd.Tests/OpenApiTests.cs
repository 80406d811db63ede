extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// Every service's OpenAPI document against what the service really maps, and the API reference the gateway
/// serves from them. An endpoint added without a summary, or left out of the document, fails here.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiTests(InfogeranceSystem system)
{
    /// <summary>Probes, the scraper and the document itself: not part of any API.</summary>
    private static readonly HashSet<string> Infrastructure =
        [Extensions.HealthPath, Extensions.AlivePath, Extensions.MetricsPath, OpenApiDefaults.DocumentPath];

    /// <summary>
    /// The services' internal routes (Identity's sign-in for the gateway, the calls of one service to another), which the
    /// gateway blocks from outside: left out of their documents.
    /// </summary>
    private const string GatewayOnly = "/internal/";

    private static IEnumerable<string> BackendNames => ["identity", "contracts", "incidents", "invoicing", "reporting", "notifications"];

    [Fact]
    public async Task Every_service_documents_every_endpoint_it_maps_in_a_valid_document()
    {
        var failures = new List<string>();
        foreach (var service in BackendNames)
        {
            var document = await DocumentAsync(service, failures);
            if (document is null)
            {
                continue;
            }

            foreach (var (method, path) in MappedOperations(service))
            {
                if (Operation(document, method, path) is null)
                {
                    failures.Add($"{service}: {method} {path} is not in the document");
                }
            }

            if (document.Servers is not [{ Url: var url }] || url != $"/api/{service}")
            {
                failures.Add($"{service}: the document's server is not the gateway's /api/{service}");
            }

            if (document.Info.Description != OpenApiDefaults.ValueRules)
            {
                failures.Add($"{service}: the document does not state how values are read");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_operation_has_a_summary()
    {
        var failures = new List<string>();
        foreach (var service in BackendNames)
        {
            if (await DocumentAsync(service, failures) is not { } document)
            {
                continue;
            }

            foreach (var (method, path) in MappedOperations(service))
            {
                if (Operation(document, method, path) is { } operation && string.IsNullOrWhiteSpace(operation.Summary))
                {
                    failures.Add($"{service}: {method} {path} has no summary (a /// <summary> on its handler, a public or internal method)");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} operations without a summary:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task Documents_describe_problems_and_credentials()
    {
        var failures = new List<string>();
        var document = await DocumentAsync("incidents", failures);
        Assert.Empty(failures);

        var ticket = Operation(document!, "GET", "/tickets/{ticketId}");
        Assert.NotNull(ticket);
        Assert.Contains("401", ticket.Responses!.Keys);
        Assert.Contains("404", ticket.Responses.Keys);
        Assert.NotEmpty(ticket.Security!);
        Assert.Contains(OpenApiDefaults.BearerScheme, document!.Components!.SecuritySchemes!.Keys);
        var created = Operation(document, "POST", "/tickets");
        Assert.NotNull(created);
        Assert.Contains("application/problem+json", created.Responses!["422"].Content!.Keys);
        Assert.NotNull(created.RequestBody);

        // Values read by our own converters are typed all the same.
        var outage = document.Components!.Schemas!["OutageRequest"].Properties!;
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, outage["service"].Type);
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, outage["startedAt"].Type);
        Assert.Equal(JsonSchemaType.String, document.Components.Schemas["SlaDuration"].Properties!["unit"].Type);

        var identity = await DocumentAsync("identity", failures);
        Assert.Empty(failures);
        Assert.DoesNotContain(identity!.Paths.Keys, path => path.StartsWith(GatewayOnly, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_serves_each_document_to_signed_in_callers()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        using var browser = await SignedInBrowserAsync();
        foreach (var service in BackendNames)
        {
            var path = $"/api/{service}{OpenApiDefaults.DocumentPath}";
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);

            using var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (document, diagnostic) = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json", new OpenApiReaderSettings());
            Assert.Empty(diagnostic!.Errors);
            Assert.Equal($"/api/{service}", Assert.Single(document!.Servers!).Url);
        }
    }

    [Fact]
    public async Task The_api_reference_is_for_signed_in_users_and_loads_nothing_from_elsewhere()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(system.GatewayUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/docs")).StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/docs");
        page.Headers.Accept.ParseAdd("text/html");
        using var redirected = await anonymous.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/login", redirected.Headers.Location?.OriginalString);
        using var ended = new HttpRequestMessage(HttpMethod.Get, "/api/docs");
        ended.Headers.Accept.ParseAdd("text/html");
        ended.Headers.Add("Cookie", "ifg-session=ses_made_up");
        using var endedAnswer = await anonymous.SendAsync(ended);
        Assert.Equal(HttpStatusCode.Redirect, endedAnswer.StatusCode);

        using var browser = await SignedInBrowserAsync();
        using var response = await browser.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var service in BackendNames)
        {
            Assert.Contains($"api/{service}/openapi.json", html);
        }

        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("http://", html);
    }

    /// <summary>Method and OpenAPI path of every operation the service maps, infrastructure aside.</summary>
    private IEnumerable<(string Method, string Path)> MappedOperations(string service)
    {
        var endpoints = system.Services[service].GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            if (Infrastructure.Contains(path) || path.StartsWith(GatewayOnly, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (method, path);
            }
        }
    }

    private static OpenApiOperation? Operation(OpenApiDocument document, string method, string path)
    {
        var item = document.Paths.FirstOrDefault(entry => OpenApiPath(entry.Key) == path).Value;
        return item?.Operations is { } operations && operations.TryGetValue(new HttpMethod(method), out var operation) ? operation : null;
    }

    /// <summary>Read with Microsoft.OpenApi's own reader: any error it reports is a failure.</summary>
    private async Task<OpenApiDocument?> DocumentAsync(string service, List<string> failures)
    {
        using var client = system.DirectClients[service]();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AnyoneAsync());
        using var response = await client.GetAsync(OpenApiDefaults.DocumentPath);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{service}: {OpenApiDefaults.DocumentPath} answered {(int)response.StatusCode}");
            return null;
        }

        var (document, diagnostic) = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json", new OpenApiReaderSettings());
        failures.AddRange(diagnostic?.Errors.Select(error => $"{service}: invalid document: {error}") ?? []);
        if (document is null)
        {
            failures.Add($"{service}: the document could not be read");
        }

        return document;
    }

    private async Task<string> AnyoneAsync() =>
        (await system.IssueTokenAsync(new TokenSubject(Guid.NewGuid(), "Reader", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, IsServiceAccount: false))).Token;

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var client = system.CreateBrowserLikeClient(out _);
        var login = await client.PostAsJsonAsync("/bff/login", new { email = "requester@acme.example", password = DemoWorld.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    /// <summary>"/users/{userId:guid}/" → "/users/{userId}", as OpenAPI writes paths.</summary>
    internal static string OpenApiPath(string pattern) =>
        "/" + string.Join('/', pattern.Trim('/').Split('/').Select(segment =>
            segment.StartsWith('{') ? "{" + segment.Trim('{', '}').TrimStart('*').Split(':', '=')[0].TrimEnd('?') + "}" : segment));
}
