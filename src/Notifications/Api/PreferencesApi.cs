using Infogerance.Data;
using Infogerance.Mail;
using Infogerance.Notifications.Data;
using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Infogerance.Notifications.Api;

/// <summary>
/// How each group of notifications reaches the caller (<c>app</c>, <c>immediate</c> or <c>digest</c>, by topic), the groups
/// and their defaults, when the daily digest goes out, and whether this platform sends e-mail at all.
/// </summary>
public sealed record PreferencesView(
    IReadOnlyDictionary<string, string> Delivery, IReadOnlyList<TopicView> Topics, int DigestHour, string TimeZone, bool EmailEnabled);

/// <summary>A group of notification kinds, and the delivery it has until the person chooses.</summary>
public sealed record TopicView(string Topic, IReadOnlyList<string> Kinds, string Default);

/// <summary>The deliveries to change, by topic (<c>{ "sla": "digest" }</c>); the topics left out keep theirs.</summary>
public sealed record PreferencesChange(Dictionary<string, string?>? Delivery);

/// <summary>The services a preferences endpoint needs, bound from the request and the container.</summary>
public sealed record PreferencesServices(
    Database Database, CurrentUser User, TimeProvider Clock, MailSender Mail, IOptions<NotificationsSettings> Settings)
{
    /// <summary>
    /// The caller's own transaction under their own organisation, whichever client tenant they chose to look at: the
    /// preferences are the person's, not a tenant's.
    /// </summary>
    public Task<UnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        Database.BeginAsync(User with { SelectedTenantId = null }, cancellationToken);
}

/// <summary>The caller's own e-mail preferences: which notifications they also receive by e-mail, at once or in the daily digest.</summary>
public static class PreferencesApi
{
    public static void MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/preferences").RequireAuthorization(Policies.ContractPeople);
        api.MapGet("", GetAsync);
        api.MapPut("", ChangeAsync);
    }

    /// <summary>How each group of notifications reaches the caller: their choice, or the group's default.</summary>
    public static async Task<Ok<PreferencesView>> GetAsync([AsParameters] PreferencesServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.BeginAsync(cancellationToken);
        return TypedResults.Ok(View(services, await EmailStore.ChosenAsync(unitOfWork, services.User.OrganisationId, services.User.Id)));
    }

    /// <summary>
    /// Changes how the groups named reach the caller; the others keep theirs. Applies to the notifications delivered from
    /// now on.
    /// </summary>
    public static async Task<Results<Ok<PreferencesView>, ProblemHttpResult>> ChangeAsync(
        PreferencesChange change, [AsParameters] PreferencesServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (EmailPreferences.Check(change.Delivery) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await services.BeginAsync(cancellationToken);
        await EmailStore.SaveAsync(unitOfWork, services.User.OrganisationId, services.User.Id,
            change.Delivery!.ToDictionary(entry => entry.Key, entry => entry.Value!), services.Clock.GetUtcNow());
        var chosen = await EmailStore.ChosenAsync(unitOfWork, services.User.OrganisationId, services.User.Id);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(View(services, chosen));
    }

    private static PreferencesView View(PreferencesServices services, IReadOnlyDictionary<string, string> chosen)
    {
        var email = services.Settings.Value.Email;
        return new PreferencesView(
            EmailPreferences.Resolve(chosen), [.. Topics.All.Select(topic => new TopicView(topic.Name, topic.Kinds, topic.Default))],
            email.DigestHour, email.TimeZone, services.Mail.IsConfigured);
    }
}
