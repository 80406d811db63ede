using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.Notifications.Api;
using Infogerance.Notifications.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications;

internal static class Extensions
{
    public const string ServiceName = "notifications";

    /// <summary>The database (migrated at start), the bus, token validation and the service's settings.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        // Contracts' parties and references, kept from their events: who serves each contract, never asked of Contracts.
        builder.AddContractReplica();
        builder.AddMessaging(ServiceName, bus =>
        {
            // The people notifications are addressed to.
            bus.AddConsumer<UserAccountChangedConsumer>();
            // The events someone must know of or act on.
            bus.AddConsumer<SlaWarningRaisedNotifier>();
            bus.AddConsumer<SlaBreachedNotifier>();
            bus.AddConsumer<TicketStatusChangedNotifier>();
            bus.AddConsumer<NoticeDeadlineApproachingNotifier>();
            bus.AddConsumer<EvolutionRequestStateChangedNotifier>();
            bus.AddConsumer<AmendmentProposedNotifier>();
            bus.AddConsumer<RenewalDecidedNotifier>();
            bus.AddConsumer<InvoiceControlledNotifier>();
            bus.AddConsumer<InvoiceDisputedNotifier>();
            bus.AddConsumer<InvoiceApprovedNotifier>();
            bus.AddConsumer<InvoicePaidNotifier>();
        });
        builder.AddDefaultAuthentication();

        builder.Services.AddOptions<NotificationsSettings>().BindConfiguration("Notifications");
    }

    /// <summary>Every endpoint group of the service, one per file of <c>Api/</c>.</summary>
    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapNotificationsApi();
    }
}
