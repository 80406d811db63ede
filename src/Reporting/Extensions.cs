using Infogerance.Reporting.Api;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Messaging;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Reporting;

internal static class Extensions
{
    public const string ServiceName = "reporting";

    /// <summary>The database (migrated at start), the bus, token validation and the service's settings.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        // Contracts' parties, versions, terms and inventory, kept from their events: never asked of Contracts.
        builder.AddContractReplica();
        builder.AddMessaging(ServiceName, bus =>
        {
            // The events the reports are computed from, each kept in the journal and fed to the read models.
            bus.AddConsumer<TicketOpenedReport>();
            bus.AddConsumer<TicketStatusChangedReport>();
            bus.AddConsumer<SlaBreachedReport>();
            bus.AddConsumer<SlaClockCompletedReport>();
            bus.AddConsumer<TicketRatedReport>();
            bus.AddConsumer<ServiceOutageRecordedReport>();
            bus.AddConsumer<PenaltyStatementIssuedReport>();
            bus.AddConsumer<InvoiceReceivedReport>();
            bus.AddConsumer<InvoiceControlledReport>();
            bus.AddConsumer<InvoiceApprovedReport>();
            bus.AddConsumer<InvoiceDisputedReport>();
            bus.AddConsumer<InvoicePaidReport>();
            bus.AddConsumer<BudgetPlannedReport>();
            bus.AddConsumer<EvolutionRequestStateChangedReport>();
            bus.AddConsumer<ContractPhaseChangedReport>();
            bus.AddConsumer<SlaWarningRaisedReport>();
        });
        builder.AddDefaultAuthentication();
        builder.AddInternalCalls();

        builder.Services.AddOptions<ReportingSettings>().BindConfiguration("Reporting");
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddSingleton<MonthCountsCache>();
        builder.Services.AddSingleton<TermsCache>();
        builder.Services.AddHostedService<OverdueActions>();
    }

    /// <summary>Every endpoint group of the service, one per file of <c>Api/</c>.</summary>
    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapReportingApi();
        app.MapReviewsApi();
        app.MapPortfolioApi();
        app.MapDeskApi();
        app.MapReplayApi();
        app.MapInternalApi();
    }
}
