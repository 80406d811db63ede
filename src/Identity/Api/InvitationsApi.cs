using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Infogerance.Identity.Api;

public sealed record InvitationDto(string Email, string DisplayName, string OrganisationName, DateTimeOffset ExpiresAt);
public sealed record AcceptInvitationRequest(string? Password);

/// <summary>The one-time link of an invited user, who chooses a password through it. Anonymous: the link is the secret.</summary>
public static class InvitationsApi
{
    private sealed record Pending(Guid Id, Guid UserId, string Email, string DisplayName, string OrganisationName, DateTimeOffset ExpiresAt);

    public static void MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/invitations").AllowAnonymous();
        api.MapGet("/{token}", GetAsync);
        api.MapPost("/{token}/accept", AcceptAsync);
    }

    public static async Task<Results<Ok<InvitationDto>, NotFound>> GetAsync(string token, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Invitation, token) is not { } secret)
        {
            return TypedResults.NotFound();
        }

        await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
        return await FindPendingAsync(unitOfWork, secret, forUpdate: false) is { } pending
            ? TypedResults.Ok(new InvitationDto(pending.Email, pending.DisplayName, pending.OrganisationName, pending.ExpiresAt))
            : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> AcceptAsync(
        string token, AcceptInvitationRequest request, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Invitation, token) is not { } secret)
        {
            return TypedResults.NotFound();
        }

        await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
        if (await FindPendingAsync(unitOfWork, secret, forUpdate: true) is not { } pending)
        {
            return TypedResults.NotFound();
        }

        if (PasswordRules.Check(request.Password, pending.Email) is { Count: > 0 } problems)
        {
            return Problems.Invalid(new Dictionary<string, string[]>() { ["password"] = [.. problems] });
        }

        var user = (await Accounts.FindUserAsync(unitOfWork, secret.OrganisationId, pending.UserId, forUpdate: true))!;
        await unitOfWork.ExecuteAsync(
            """
            UPDATE users SET password_hash = @hash, status = 'active', updated_at = now() WHERE tenant_id = @TenantId AND id = @Id;
            UPDATE invitations SET accepted_at = now() WHERE tenant_id = @TenantId AND id = @invitation;
            """,
            new { hash = new PasswordHasher<UserAccount>().HashPassword(user, request.Password!), user.TenantId, user.Id, invitation = pending.Id });
        var after = (await Accounts.FindUserAsync(unitOfWork, secret.OrganisationId, pending.UserId))!;
        await AuditLog.WriteAsync(
            unitOfWork, secret.OrganisationId, new AuditLog.Actor(user.Id, user.DisplayName), "user.invitation-accepted", "user", user.Id, user.AuditView, after.AuditView);
        await unitOfWork.CommitAsync();
        return TypedResults.NoContent();
    }

    private static Task<Pending?> FindPendingAsync(UnitOfWork unitOfWork, OpaqueToken secret, bool forUpdate) =>
        unitOfWork.QuerySingleOrDefaultAsync<Pending>(
            $"""
            SELECT i.id, i.user_id, u.email, u.display_name, o.name AS organisation_name, i.expires_at
            FROM invitations i
            JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
            JOIN organisations o ON o.id = i.tenant_id
            WHERE i.tenant_id = @OrganisationId AND i.secret_hash = @Hash
              AND i.accepted_at IS NULL AND i.expires_at > now() AND u.status = 'invited'
            {(forUpdate ? "FOR UPDATE OF i" : "")}
            """,
            new { secret.OrganisationId, secret.Hash });
}
