using Infogerance.ServiceDefaults;

namespace Infogerance.Reporting.Api;

/// <summary>
/// The Reporting service's endpoints (it reports on each contract's service levels). Each endpoint joins this group, whose
/// policy admits those who work on contracts on either side; one that needs another policy gets its own file.
/// </summary>
public static class ReportingApi
{
    public static RouteGroupBuilder MapReportingApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/").RequireAuthorization(Policies.ContractReaders);
}
