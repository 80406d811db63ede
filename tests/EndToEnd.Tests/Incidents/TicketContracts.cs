using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>Signed contracts made for ticket tests: drafted and signed through the Contracts API, replicated by the Incidents service.</summary>
public static class TicketContracts
{
    /// <summary>
    /// A contract between a client (Acme unless said) and a provider (Antares unless said) with the default terms
    /// changed by <paramref name="edit"/>, ready for tickets.
    /// </summary>
    public static async Task<Guid> SignAsync(InfogeranceSystem system, Func<ContractTerms, ContractTerms> edit, Guid? client = null, Guid? provider = null)
    {
        using var manager = await ContractParty.SignInAsync(system, client ?? DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var desk = await ContractParty.SignInAsync(system, client ?? DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        var reference = $"TKT-{Guid.NewGuid():N}"[..16];
        var id = (await manager.PostAsync("/", new { reference, title = "Tickets", providerOrganisationId = provider ?? DemoWorld.Antares }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var terms = await manager.DraftTermsAsync(id);
        await manager.PutAsync($"/{id}/versions/1/terms", edit(terms with { StartDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)) }));
        await manager.PostAsync($"/{id}/sign");
        await Eventually.UntilAsync(
            async () => (await desk.GetAsync("/contracts")).EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == id),
            "the Incidents service received the signed contract");

        return id;
    }

    /// <summary>A provider organisation of its own, registered by the platform's operator: a contract names only those.</summary>
    public static async Task<Guid> NewProviderAsync(InfogeranceSystem system)
    {
        using var operatorParty = await ContractParty.SignInAsync(system, DemoWorld.Platform, Roles.Operator, "Olivia Opérateur", "identity");
        return (await operatorParty.PostAsync("/organisations", new { name = $"Desk {Guid.NewGuid():N}"[..20], kind = "provider" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
    }

    /// <summary>Open every day, all day, with these targets for every priority.</summary>
    public static ContractTerms AlwaysOpen(ContractTerms terms, SlaDuration respond, SlaDuration resolve) => terms with
    {
        Calendar = terms.Calendar with { AlwaysOpen = true, Weekly = [], HolidayPacks = [], ClosedDays = [] },
        Sla = terms.Sla with
        {
            Targets = [.. new[] { "P1", "P2", "P3", "P4" }.Select(p => new SlaTarget(p, respond, resolve))],
            WarningThresholds = [50, 75],
        },
    };
}
