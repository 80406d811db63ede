using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts;

internal static class Extensions
{
    public const string ServiceName = "contracts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();
    }
}
