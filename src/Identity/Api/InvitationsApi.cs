using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Infogerance.Identity.Api;

/// <summary>What the invited person sees of an invitation before accepting it.</summary>
public sealed record InvitationDto(string Email, string DisplayName, string OrganisationName, DateTimeOffset ExpiresAt);

/// <summary>The password the invited person chooses.</summary>
public sealed record AcceptInvitationRequest(string? Password);

/// <summary>The one-time link of an invited user, who chooses a password through it. Anonymous: the link is the secret.</summary>
public static class InvitationsApi
{
    public static void MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/invitations").AllowAnonymous();
        api.MapGet("/{token}", GetAsync);
        api.MapPost("/{token}/accept", AcceptAsync);
    }

    /// <summary>The invitation behind a link that still works: whom it invites, into which organisation, until when.</summary>
    public static async Task<Results<Ok<InvitationDto>, NotFound>> GetAsync(string token, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Invitation, token) is not { } secret)
        {
            return TypedResults.NotFound();
        }

        await using var unitOfWork = await database.ReadAsync(secret.OrganisationId, cancellationToken);
        return await Accounts.FindPendingInvitationAsync(unitOfWork, secret, forUpdate: false) is { } pending
            ? TypedResults.Ok(new InvitationDto(pending.Email, pending.DisplayName, pending.OrganisationName, pending.ExpiresAt))
            : TypedResults.NotFound();
    }

    /// <summary>
    /// Sets the invited user's password and activates the account; the link then stops working. 409 while the address
    /// signs in to another organisation: the link reaches the address's owner, who knows it.
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> AcceptAsync(
        string token, AcceptInvitationRequest request, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Invitation, token) is not { } secret)
        {
            return TypedResults.NotFound();
        }

        await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
        if (await Accounts.FindPendingInvitationAsync(unitOfWork, secret, forUpdate: true) is not { } pending)
        {
            return TypedResults.NotFound();
        }

        if (PasswordRules.Check(request.Password, pending.Email) is { Count: > 0 } problems)
        {
            var errors = new FieldErrors();
            foreach (var problem in problems)
            {
                errors.Add("password", problem);
            }

            return Problems.Invalid(errors);
        }

        var user = (await Accounts.FindUserAsync(unitOfWork, secret.OrganisationId, pending.UserId, forUpdate: true))!;
        if (!await Accounts.ClaimSignInAsync(unitOfWork, user))
        {
            return Problems.Conflict(IdentityMessages.AddressSignsInElsewhere(pending.OrganisationName));
        }

        var after = await Accounts.AcceptInvitationAsync(unitOfWork, user, pending.Id, new PasswordHasher<UserAccount>().HashPassword(user, request.Password!));
        await AuditLog.WriteAsync(
            unitOfWork, secret.OrganisationId, new AuditLog.Actor(user.Id, user.DisplayName), "user.invitation-accepted", "user", user.Id, user.AuditView, after.AuditView);
        await unitOfWork.CommitAsync();
        return TypedResults.NoContent();
    }
}
