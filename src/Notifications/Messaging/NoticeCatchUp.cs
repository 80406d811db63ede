using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Notifications.Data;

namespace Infogerance.Notifications.Messaging;

/// <summary>A person whose account arrives after events that concerned them is told of those then.</summary>
public sealed class NoticeCatchUp(EmailPlanner emails) : IPersonChangedHandler
{
    public Task HandleAsync(UserAccountChanged account, UnitOfWork unitOfWork) => NoticeStore.CatchUpAsync(unitOfWork, account, emails);
}
