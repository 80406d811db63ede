using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// What every service's OpenAPI document says beyond its endpoints: where it is reached (behind the gateway),
/// how callers authenticate, and the problem-details answers every endpoint may give.
/// </summary>
/// <remarks>
/// The service registers the document itself with <c>builder.Services.AddOpenApi()</c> in its own project: the
/// XML-comment support of Microsoft.AspNetCore.OpenApi is a source generator that intercepts that call where it is
/// compiled, so a call made here would document nothing of the service's handlers.
/// </remarks>
public static class OpenApiDefaults
{
    public const string DocumentPath = "/openapi.json";
    public const string DocumentName = "v1";

    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";
    public const string SessionScheme = "session";

    private const string ProblemJson = "application/problem+json";

    /// <summary>How every service reads the values of a request, said once in each document.</summary>
    public const string ValueRules =
        "JSON bodies are camelCase. Instants are ISO 8601 with their offset (`2026-03-29T03:30:00+02:00` or `…Z`): one without " +
        "an offset is refused (400), never read in some zone; only a file of tickets taken over from another tool, whose times " +
        "are often local, reads them in the zone of the contract's calendar (its operation says how). Days are `yyyy-MM-dd`; " +
        "days and instants run from 1900 to 2199 (422 outside). Numbers are read exactly or refused (400 beyond 28 significant " +
        "digits or decimal places); a required number left out is a 422 naming it, never read as 0. Text holds no NUL " +
        "character. Every refusal is a problem (RFC 9457) whose `errors` name each field by its JSON path or parameter.";

    /// <summary>Applies to whichever document the service registers.</summary>
    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var service = ServiceName(builder.Environment.ApplicationName);
        // Behind the gateway each service answers under /api/{service}; a relative URL keeps the gateway's own host.
        var server = builder.Configuration["OpenApi:ServerUrl"] ?? $"/api/{service.ToLowerInvariant()}";
        builder.Services.ConfigureAll<OpenApiOptions>(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"Infogérance {service} API";
                document.Info.Version = DocumentName;
                document.Info.Description = ValueRules;
                document.Servers = [new OpenApiServer { Url = server, Description = "The gateway" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = SecuritySchemes();
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeUpload);
            options.AddOperationTransformer(DescribeProblemsAndSecurityAsync);
            options.AddSchemaTransformer(TypeConvertedValues);
        });
        return builder;
    }

    /// <summary>
    /// Text, days, instants and amounts are read by converters of our own (<see cref="TextWithoutNul"/>,
    /// <see cref="BoundedDay"/>, <see cref="InstantWithOffset"/>, <see cref="ExactDecimal"/>), whose values the schema
    /// generator cannot know: it writes them without a type, and the document would say nothing of most fields. Their
    /// JSON type (and null, where the field takes it) is said here.
    /// </summary>
    private static Task TypeConvertedValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var value = Nullable.GetUnderlyingType(type) ?? type;
        JsonSchemaType? json = value == typeof(string) || value == typeof(DateOnly) || value == typeof(DateTimeOffset) ? JsonSchemaType.String
            : value == typeof(decimal) ? JsonSchemaType.Number
            : null;
        if (schema.Type is null && json is { } known)
        {
            var nullable = value != type || context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true };
            schema.Type = nullable ? known | JsonSchemaType.Null : known;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The document for any signed-in caller, the gateway's API reference fetching it with the reader's own
    /// credentials. Mapped only where the service registered it (the gateway has no API of its own to describe).
    /// </summary>
    public static WebApplication MapDefaultOpenApi(this WebApplication app)
    {
        if (app.Services.GetKeyedService<IOpenApiDocumentProvider>(DocumentName) is not null)
        {
            app.MapOpenApi(DocumentPath).RequireAuthorization();
        }

        return app;
    }

    /// <summary>"Infogerance.Contracts" → "Contracts".</summary>
    private static string ServiceName(string applicationName) => applicationName.Split('.')[^1];

    private static Dictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new()
    {
        [BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token issued by the Identity service, for machine clients that hold their own.",
        },
        [ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A service account's API key; the gateway exchanges it for an access token.",
        },
        [SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "__Host-ifg-session",
            Description = "The browser's session cookie, set by the gateway's POST /bff/login (named ifg-session over plain " +
                "HTTP). Requests that change anything must also send the header X-CSRF: 1.",
        },
    };

    /// <summary>
    /// An upload's handler reads its form itself (so that a slow upload holds no lock), which leaves the generator nothing
    /// to describe: its form is said from the endpoint's <see cref="UploadForm"/>.
    /// </summary>
    private static Task DescribeUpload(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UploadForm>().FirstOrDefault() is not { } form)
        {
            return Task.CompletedTask;
        }

        var fields = new Dictionary<string, IOpenApiSchema>
        {
            [form.FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file." },
        };
        foreach (var field in form.TextFields)
        {
            fields[field] = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [UploadForm.ContentType] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = fields, Required = new HashSet<string> { form.FileField } },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static async Task DescribeProblemsAndSecurityAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var validation = await SchemaAsync<HttpValidationProblemDetails>(context, cancellationToken);
        var problem = await SchemaAsync<ProblemDetails>(context, cancellationToken);
        operation.Responses ??= [];

        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
        {
            Add(operation, StatusCodes.Status400BadRequest, "The request is malformed: not JSON, or a value of the wrong type.", validation);
            Add(operation, StatusCodes.Status422UnprocessableEntity, "Some fields are invalid; each is named with what is expected.", validation);
        }

        if (context.Description.RelativePath?.Contains('{') == true)
        {
            Add(operation, StatusCodes.Status404NotFound, "No such object, or not one the caller may see.", problem);
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        Add(operation, StatusCodes.Status401Unauthorized, "No valid credentials.", problem);
        if (metadata.OfType<IAuthorizeData>().Any(data => data.Policy is not null || data.Roles is not null)
            || metadata.OfType<AuthorizationPolicy>().Any())
        {
            Add(operation, StatusCodes.Status403Forbidden, "The caller's roles do not allow this.", problem);
        }

        operation.Security =
        [
            Requirement(BearerScheme, context.Document),
            Requirement(ApiKeyScheme, context.Document),
            Requirement(SessionScheme, context.Document),
        ];
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        });

    /// <summary>A reference to the type's schema, which is added to the document's components once.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync<T>(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = typeof(T).Name;
        if (context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
        }

        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken));
        }

        return new OpenApiSchemaReference(name, document);
    }
}
