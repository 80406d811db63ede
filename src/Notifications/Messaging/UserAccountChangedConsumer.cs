using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Notifications.Data;

namespace Infogerance.Notifications.Messaging;

/// <summary>
/// Keeps each person's account as Identity last described it: who may be addressed, in which language. A person whose
/// account arrives after events that concerned them is told of those then.
/// </summary>
public sealed class UserAccountChangedConsumer(Database database, EmailPlanner emails) : IdempotentConsumer<UserAccountChanged>(database)
{
    protected override string ConsumerName => "notifications-user-account-changed";

    protected override async Task HandleAsync(UserAccountChanged @event, UnitOfWork unitOfWork)
    {
        if (await PeopleStore.ApplyAsync(unitOfWork, @event))
        {
            await NoticeStore.CatchUpAsync(unitOfWork, @event, emails);
        }
    }
}
