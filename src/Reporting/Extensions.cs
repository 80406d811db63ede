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
            // The events the reports are computed from, kept in the journal and fed to the read models by batches.
            bus.AddConsumer<TicketOpenedReport>(Batches.Of);
            bus.AddConsumer<TicketStatusChangedReport>(Batches.Of);
            bus.AddConsumer<SlaBreachedReport>(Batches.Of);
            bus.AddConsumer<SlaClockCompletedReport>(Batches.Of);
            bus.AddConsumer<TicketRatedReport>(Batches.Of);
            bus.AddConsumer<ServiceOutageRecordedReport>(Batches.Of);
            bus.AddConsumer<PenaltyStatementIssuedReport>(Batches.Of);
            bus.AddConsumer<InvoiceReceivedReport>(Batches.Of);
            bus.AddConsumer<InvoiceControlledReport>(Batches.Of);
            bus.AddConsumer<InvoiceApprovedReport>(Batches.Of);
            bus.AddConsumer<InvoiceDisputedReport>(Batches.Of);
            bus.AddConsumer<InvoicePaidReport>(Batches.Of);
            bus.AddConsumer<BudgetPlannedReport>(Batches.Of);
            bus.AddConsumer<EvolutionRequestStateChangedReport>(Batches.Of);
            bus.AddConsumer<ContractPhaseChangedReport>(Batches.Of);
            bus.AddConsumer<SlaWarningRaisedReport>(Batches.Of);
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
