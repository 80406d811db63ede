using Infogerance.Data;
using Infogerance.Mail;
using Infogerance.Messaging;
using Infogerance.Notifications.Api;
using Infogerance.Notifications.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications;

internal static class Extensions
{
    public const string ServiceName = "notifications";

    /// <summary>The database (migrated at start), the bus, token validation, the service's settings and its e-mail workers.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        // Contracts' parties and references, kept from their events: who serves each contract, never asked of Contracts.
        builder.AddContractReplica();
        // The people notifications are addressed to; one whose account arrives late is told then of what concerned them.
        builder.AddPeopleReplica();
        builder.AddMessaging(ServiceName, bus =>
        {
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
            bus.AddConsumer<ReviewPreparedNotifier>();
            bus.AddConsumer<ReviewApprovedNotifier>();
            bus.AddConsumer<ReviewApprovalWithdrawnNotifier>();
            bus.AddConsumer<ReviewClosedNotifier>();
            bus.AddConsumer<ReviewActionOverdueNotifier>();
            bus.AddConsumer<ChecklistItemAcceptedNotifier>();
            bus.AddConsumer<PhaseClosureAcceptedNotifier>();
            bus.AddConsumer<ScorecardMonthFinalNotifier>();
        });
        builder.AddDefaultAuthentication();
        builder.AddInternalCalls();

        var services = builder.Services;
        var settings = services.AddOptions<NotificationsSettings>().BindConfiguration("Notifications")
            // An e-mail's links must point at our site: there is no request to take the address from.
            .Validate(notifications => !notifications.Smtp.IsConfigured || !string.IsNullOrWhiteSpace(notifications.PublicOrigin),
                "Notifications:Smtp:Host is set but Notifications:PublicOrigin is not: set the site's public address for the links in e-mails.")
            .Validate(notifications => notifications.Email.IsValid,
                "Notifications:Email: Workers and MaxAttempts at least 1, delays positive (the longest not shorter than the first), "
                + "DigestHour from 0 to 23 and TimeZone a known IANA zone.")
            .ValidateOnStart();
        services.AddMailSender(settings, "Notifications:Smtp", notifications => notifications.Smtp);
        services.AddSingleton<EmailSignal>();
        services.AddSingleton<EmailPlanner>();
        services.AddSingleton<IPersonChangedHandler, NoticeCatchUp>();
        // The monthly scorecards' PDFs, from Reporting's internal route (found by service discovery).
        services.AddHttpClient<ScorecardPdfs>(ScorecardPdfs.ClientName, http => http.BaseAddress = new Uri("http://reporting")).AddInternalKey();
        services.AddHostedService<EmailDelivery>();
    }

    /// <summary>Every endpoint group of the service, one per file of <c>Api/</c>.</summary>
    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapNotificationsApi();
        app.MapPreferencesApi();
    }
}
