using Infogerance.ServiceDefaults;

namespace Infogerance.Invoicing.Api;

/// <summary>
/// The Invoicing service's endpoints (it controls a provider's invoices against its contract). Each endpoint joins this group, whose
/// policy admits those who work on contracts on either side; one that needs another policy gets its own file.
/// </summary>
public static class InvoicingApi
{
    public static RouteGroupBuilder MapInvoicingApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/").RequireAuthorization(Policies.ContractReaders);
}
