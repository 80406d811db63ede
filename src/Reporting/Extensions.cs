using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Reporting;

internal static class Extensions
{
    public const string ServiceName = "reporting";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();
    }
}
