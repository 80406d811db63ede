using Infogerance.Data;
using Infogerance.Incidents.Api;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents;

internal static class Extensions
{
    public const string ServiceName = "incidents";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapCalendarsApi();
        app.MapSlaPreviewApi();
    }
}
