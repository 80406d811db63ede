using Infogerance.Invoicing.Api;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Messaging;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Infogerance.Invoicing;

internal static class Extensions
{
    public const string ServiceName = "invoicing";

    /// <summary>The database (migrated at start), the bus, token validation and the service's settings.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        // Contracts' parties, versions, terms and inventory, kept from their events: never asked of Contracts.
        builder.AddContractReplica();
        builder.AddMessaging(ServiceName, bus =>
        {
            // The facts statements are computed from.
            bus.AddConsumer<SlaBreachedFact>();
            bus.AddConsumer<SlaClockCompletedFact>();
            bus.AddConsumer<ServiceOutageRecordedFact>();
            bus.AddConsumer<PricesRevisedFact>();
            bus.AddConsumer<ContractPhaseChangedFact>();
            // The facts the invoice control reads, and the re-control of invoices when they change.
            bus.AddConsumer<EvolutionRequestStateChangedFact>();
            bus.AddConsumer<RenewalDecidedFact>();
            bus.AddConsumer<ContractClosedFact>();
            bus.AddConsumer<PenaltyStatementIssuedRecontrol>();
            bus.AddConsumer<ContractVersionActivatedRecontrol>();
            bus.AddConsumer<ContractInventoryChangedRecontrol>();
        });
        // Breaches bring their ticket's number: the tickets opened are no longer taken in.
        builder.RetireQueues("invoicing-ticket-opened-fact");
        builder.AddDefaultAuthentication();

        builder.Services.AddOptions<InvoicingSettings>().BindConfiguration("Invoicing");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StatementIssuing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatementIssuing>());
        builder.Services.AddHostedService<DemoInvoicesSeed>();
    }

    /// <summary>Every endpoint group of the service, one per file of <c>Api/</c>.</summary>
    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapInvoicingApi();
        app.MapPenaltiesApi();
        app.MapStatementsApi();
        app.MapInvoicesApi();
        app.MapBudgetsApi();
        app.MapDossierApi();
    }
}
