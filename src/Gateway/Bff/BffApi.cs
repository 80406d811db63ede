using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Gateway.Bff;

public sealed record LoginRequest(string? Email, string? Password);

/// <summary>Log-in, log-out and "who am I" for the SPA, which never sees a token: only an HttpOnly cookie.</summary>
public static class BffApi
{
    public const string LoginPolicy = "login";

    public static void MapBffApi(this IEndpointRouteBuilder app)
    {
        var bff = app.MapGroup("/bff");
        bff.MapPost("/login", LogInAsync).RequireRateLimiting(LoginPolicy);
        bff.MapPost("/logout", LogOutAsync);
        bff.MapGet("/user", GetUserAsync);
    }

    public static async Task<IResult> LogInAsync(
        LoginRequest request, HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        var (session, token, response) = await identity.LogInAsync(request.Email, request.Password, cancellationToken);
        using (response)
        {
            if (session is null || token is null)
            {
                return response.StatusCode == HttpStatusCode.Unauthorized
                    ? TypedResults.Problem(
                        title: "Sign-in refused",
                        detail: "The e-mail address or the password is incorrect.",
                        statusCode: StatusCodes.Status401Unauthorized)
                    : await PassOnAsync(response, cancellationToken);
            }
        }

        Credentials.SetSession(context.Response, session);
        credentials.Remember(session, token);
        using var user = await identity.GetUserAsync(token.AccessToken, cancellationToken);
        return await PassOnAsync(user, cancellationToken);
    }

    public static async Task<NoContent> LogOutAsync(HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        if (Credentials.SessionOf(context.Request) is { } session)
        {
            credentials.Forget(session);
            await identity.EndSessionAsync(session, cancellationToken);
        }

        Credentials.ClearSession(context.Response);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> GetUserAsync(HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        if (Credentials.SessionOf(context.Request) is not { } session
            || await credentials.ForSessionAsync(session, cancellationToken) is not { } token)
        {
            Credentials.ClearSession(context.Response);
            return TypedResults.Unauthorized();
        }

        using var user = await identity.GetUserAsync(token.AccessToken, cancellationToken);
        return await PassOnAsync(user, cancellationToken);
    }

    /// <summary>Identity's answer, status and problem details included, as the gateway's own.</summary>
    private static async Task<IResult> PassOnAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        TypedResults.Content(
            await response.Content.ReadAsStringAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString() ?? "application/json",
            statusCode: (int)response.StatusCode);
}
