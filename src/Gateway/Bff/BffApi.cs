using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Gateway.Bff;

/// <summary>An e-mail address and a password, to sign in.</summary>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>The secret of an unlock link, as the e-mail gave it.</summary>
public sealed record UnlockRequest(string? Link);

/// <summary>
/// Log-in, log-out and "who am I" for the SPA, which never sees a token: only an HttpOnly cookie. Anonymous:
/// these endpoints read the cookie themselves.
/// </summary>
public static class BffApi
{
    public const string LoginPolicy = "login";

    public static void MapBffApi(this IEndpointRouteBuilder app)
    {
        var bff = app.MapGroup("/bff").AllowAnonymous();
        bff.MapPost("/login", LogInAsync).RequireRateLimiting(LoginPolicy);
        bff.MapPost("/unlock", UnlockAsync).RequireRateLimiting(LoginPolicy);
        bff.MapPost("/logout", LogOutAsync);
        bff.MapGet("/user", GetUserAsync);
    }

    /// <summary>Signs in: sets the session cookie and answers who is signed in, or says why not.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> LogInAsync(
        LoginRequest request, HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(credentials);
        var (session, token, response) = await identity.LogInAsync(request.Email, request.Password, AddressOf(context), cancellationToken);
        using (response)
        {
            if (session is null || token is null)
            {
                return response.StatusCode == HttpStatusCode.Unauthorized
                    ? GatewayMessages.Problem(StatusCodes.Status401Unauthorized, GatewayMessages.SignInRefusedTitle, GatewayMessages.SignInRefused)
                    : await PassOnAsync(response, cancellationToken);
            }
        }

        Credentials.SetSession(context.Response, session);
        credentials.Remember(session, token);
        using var user = await identity.GetUserAsync(token.AccessToken, cancellationToken);
        return await PassOnAsync(user, cancellationToken);
    }

    /// <summary>
    /// Lets this device sign in while its account is paused for the addresses it is not known from, with the link e-mailed
    /// to the account's owner: the address the device comes from becomes a known one. 404 for a link unknown, used or expired.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(
        UnlockRequest request, HttpContext context, IdentityClient identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identity);
        return !string.IsNullOrEmpty(request.Link) && await identity.UnlockAsync(request.Link, AddressOf(context), cancellationToken)
            ? TypedResults.NoContent()
            : GatewayMessages.Problem(StatusCodes.Status404NotFound, GatewayMessages.UnlockLinkUnusableTitle, GatewayMessages.UnlockLinkUnusable);
    }

    /// <summary>The caller's network address, as wrong passwords and unlock links count it.</summary>
    private static string? AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        return (remote?.IsIPv4MappedToIPv6 == true ? remote.MapToIPv4() : remote)?.ToString();
    }

    /// <summary>Signs out: ends the session at Identity and clears the cookie.</summary>
    public static async Task<NoContent> LogOutAsync(HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Credentials.SessionOf(context.Request) is { } session)
        {
            credentials.Forget(session);
            await identity.EndSessionAsync(session, cancellationToken);
        }

        Credentials.ClearSession(context.Response);
        return TypedResults.NoContent();
    }

    /// <summary>Who is signed in with this cookie (Identity's <c>/me</c>); 401 once the session is over.</summary>
    public static async Task<Results<ContentHttpResult, UnauthorizedHttpResult>> GetUserAsync(
        HttpContext context, IdentityClient identity, Credentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(credentials);
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
    private static async Task<ContentHttpResult> PassOnAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        TypedResults.Content(
            await response.Content.ReadAsStringAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString() ?? "application/json",
            statusCode: (int)response.StatusCode);
}
