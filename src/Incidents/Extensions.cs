using Infogerance.Data;
using Infogerance.Incidents.Api;
using Infogerance.Incidents.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents;

internal static class Extensions
{
    public const string ServiceName = "incidents";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddContractReplica();
        // The desk's people, whom tickets are assigned to.
        builder.AddPeopleReplica();
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();

        var services = builder.Services;
        services.AddOptions<IncidentsSettings>().BindConfiguration("Incidents");
        services.AddOptions<TicketSettings>().BindConfiguration("Incidents:Tickets");
        services.AddOptions<TicketTimerSettings>().BindConfiguration("Incidents:Timers");
        services.AddSingleton<TicketSla>();
        services.AddSingleton<TicketTimers>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketTimers>());
        services.AddHostedService<DemoTicketsSeed>();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapCalendarsApi();
        app.MapTicketsApi();
        app.MapTicketWorkApi();
        app.MapAgentsApi();
        app.MapSlaPreviewApi();
        app.MapAttachmentsApi();
        app.MapOutagesApi();
        app.MapImportsApi();
        app.MapDossierApi();
        app.MapSavedViewsApi();
        app.MapCannedRepliesApi();
    }
}
