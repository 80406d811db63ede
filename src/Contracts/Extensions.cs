using Infogerance.Contracts.Api;
using Infogerance.Contracts.Data;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Infogerance.Contracts;

internal static class Extensions
{
    public const string ServiceName = "contracts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();

        var services = builder.Services;
        services.AddOptions<ContractsSettings>().BindConfiguration(ContractsSettings.Section);
        services.AddOptions<NoticeAlertSettings>().BindConfiguration(NoticeAlertSettings.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddStartupTask<SyntecSeed>();
        services.AddStartupTask<DemoContractsSeed>();
        services.AddHttpClient<ProviderRegister>(ProviderRegister.ClientName, http => http.BaseAddress = new Uri("http://identity"));
        services.AddSingleton<NoticeAlerts>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeAlerts>());
        services.AddOptions<PriceRevisionSettings>().BindConfiguration(PriceRevisionSettings.Section);
        services.AddSingleton<PriceRevisions>();
        services.AddHostedService(sp => sp.GetRequiredService<PriceRevisions>());
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapContractsApi();
        app.MapVersionsApi();
        app.MapScopeApi();
        app.MapChecklistsApi();
        app.MapEvolutionsApi();
        app.MapRenewalApi();
        app.MapRecordsApi();
        app.MapIndicesApi();
        app.MapPricesApi();
    }
}
