extern alias invoicing;

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StatementIssuing = invoicing::Infogerance.Invoicing.StatementIssuing;
using InvoicingSettings = invoicing::Infogerance.Invoicing.InvoicingSettings;

namespace Infogerance.EndToEnd.Tests.Invoicing;

/// <summary>
/// Invoices over real PostgreSQL and RabbitMQ: a month of a fresh contract whose breaches raised an issued penalty
/// statement, the provider's Factur-X invoice that forgets to credit it, the client's dispute, the credit note that
/// answers it, the approval and the payment; who sees what, and the refusals on the way.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class InvoicesTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task An_invoice_missing_its_penalty_credit_is_disputed_answered_by_a_credit_note_approved_and_paid()
    {
        // The month two months back (in Paris), from the first day of which the contract runs at 10,000.00 a month.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-2);
        var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var first = DateOnly.FromDateTime(month);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = first,
            Prices = terms.Prices with { MonthlyFee = 10_000m },
            Revision = null,
            Penalties = new PenaltyRules { PerBreach = [new BreachPenalty("P1", PenaltyKinds.Fixed, 500m)] },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "invoicing");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bea Belvedere", "invoicing");
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "invoicing");

        // The run began on the 1st; one P1 breach on the 3rd: the month's statement is 500.00, issued on the 10th of the next month.
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(new ContractPhaseChanged { TenantId = DemoWorld.Acme, ContractId = contractId, From = "upgrade", To = "run", OccurredAt = At(month, 1, 9) });
            await unitOfWork.AddEventAsync(new SlaBreached
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = Guid.NewGuid(), Clock = "resolve", Priority = "P1", DueAt = At(month, 3, 11),
            });
            await unitOfWork.CommitAsync();
        }

        await manager.UntilAsync($"/contracts/{contractId}/statements/{text}", s => s.GetProperty("lines").GetArrayLength() == 1);
        var services = system.Services["invoicing"];
        await new StatementIssuing(
                services.GetRequiredService<Database>(), new FixedClock(At(month.AddMonths(1), 10, 12)), Options.Create(new InvoicingSettings()),
                NullLogger<StatementIssuing>.Instance)
            .RunOnceAsync(CancellationToken.None);
        var issued = Assert.Single(await system.Events.WaitForAsync<PenaltyStatementIssued>(e => e.ContractId == contractId));
        Assert.Equal((text, 500m), (issued.Month, issued.TotalDue));

        // Who may upload: not the client, nor another provider (who does not see the contract), nor another tenant.
        var path = $"/contracts/{contractId}/invoices";
        var number = $"FA-{Guid.NewGuid():N}"[..14];
        var invoiceFile = InvoiceFiles.FacturX(number, last, first, last, [new GeneratedLine($"Redevance mensuelle forfaitaire {text}", 1m, 10_000m)]);
        await manager.UploadAsync(path, "facture.pdf", invoiceFile, HttpStatusCode.Forbidden);
        await otherProvider.UploadAsync(path, "facture.pdf", invoiceFile, HttpStatusCode.NotFound);
        await otherTenant.UploadAsync(path, "facture.pdf", invoiceFile, HttpStatusCode.NotFound);

        // A file that does not read is refused, each error where it is; one naming another contract is refused.
        var csv = Encoding.UTF8.GetBytes("number,issueDate,seller,buyer,description,quantity,unitPrice,netAmount,vatRate\nF-1,2026-01-31,Antares,Acme,Redevance,abc,100,100,20\n");
        var unreadable = await account.UploadAsync(path, "facture.csv", csv, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(unreadable.GetProperty("errors").EnumerateObject(), error => error.Name == "line 2");
        var elsewhere = await account.UploadAsync(
            path, "facture.pdf", InvoiceFiles.FacturX(number, last, first, last, [new GeneratedLine("Redevance", 1m, 10_000m)], contractReference: "AUTRE-CONTRAT"),
            HttpStatusCode.UnprocessableEntity);
        Assert.True(elsewhere.GetProperty("errors").TryGetProperty("contractReference", out _));
        var badForm = await account.PostAsync($"{path}/form", new
        {
            number = "F-FORM", issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[] { new { description = "Redevance", unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.True(badForm.GetProperty("errors").TryGetProperty("lines[0].quantity", out _));

        // The invoice bills the month's fee without crediting the statement: controlled on receipt, one penalty credit missing.
        var invoice = await account.UploadAsync(path, "facture.pdf", invoiceFile, HttpStatusCode.Created);
        var invoiceId = invoice.GetProperty("id").GetGuid();
        Assert.Equal(("invoice", "controlled", "discrepancies", "factur-x"), (Text(invoice, "kind"), Text(invoice, "status"), Text(invoice, "result"), Text(invoice, "source")));
        var missing = Assert.Single(invoice.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal(("penaltyCredit", "penaltyCredit:invoice:1", 500m, 0m, 500m, true), (
            Text(missing, "code"), Text(missing, "key"), missing.GetProperty("expected").GetDecimal(), missing.GetProperty("actual").GetDecimal(),
            missing.GetProperty("amountAtStake").GetDecimal(), missing.GetProperty("blocking").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("line").ValueKind); // the whole invoice: written, as null
        Assert.Equal(500m, invoice.GetProperty("totalAtStake").GetDecimal());
        Assert.Equal("monthlyFee", Text(invoice.GetProperty("lines")[0], "kind"));
        Assert.Equal(12_000m, invoice.GetProperty("totals").GetProperty("taxInclusive").GetDecimal());
        Assert.Equal(["received", "controlled"], invoice.GetProperty("history").EnumerateArray().Select(h => Text(h, "status")));

        // Both sides read it, in their language; nobody else sees it.
        var french = await ReadInAsync(auditor, $"/invoices/{invoiceId}", "fr-FR");
        Assert.NotEqual(Text(missing, "message"), Text(french.GetProperty("discrepancies")[0], "message"));
        var listed = Assert.Single((await account.GetAsync(path)).EnumerateArray(), i => i.GetProperty("id").GetGuid() == invoiceId);
        Assert.Equal((1, 500m), (listed.GetProperty("discrepancyCount").GetInt32(), listed.GetProperty("totalAtStake").GetDecimal()));
        await otherTenant.GetAsync($"/invoices/{invoiceId}", HttpStatusCode.NotFound);
        await otherProvider.GetAsync($"/invoices/{invoiceId}", HttpStatusCode.NotFound);
        await otherTenant.GetAsync(path, HttpStatusCode.NotFound);
        await otherProvider.GetAsync(path, HttpStatusCode.NotFound);
        await otherTenant.PostAsync($"/invoices/{invoiceId}/dispute", new { message = "x" }, HttpStatusCode.NotFound);
        using (var original = await manager.Client.GetAsync($"/invoices/{invoiceId}/original"))
        {
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            Assert.Equal(invoiceFile, await original.Content.ReadAsByteArrayAsync());
        }

        // The statement's event coming again changes nothing.
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(issued);
            await unitOfWork.CommitAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var again = await manager.GetAsync($"/invoices/{invoiceId}");
        Assert.Equal(invoice.GetProperty("discrepancies").ToString(), again.GetProperty("discrepancies").ToString());
        Assert.Equal(invoice.GetProperty("history").GetArrayLength(), again.GetProperty("history").GetArrayLength());

        // Not paid before approval; not approved without a reason for the blocking discrepancy; the provider may not decide.
        await manager.PostAsync($"/invoices/{invoiceId}/paid", new { paidOn = DateOnly.FromDateTime(DateTime.UtcNow) }, HttpStatusCode.Conflict);
        var unreasoned = await manager.PostAsync($"/invoices/{invoiceId}/approve", new { reasons = new Dictionary<string, string>() }, HttpStatusCode.UnprocessableEntity);
        Assert.True(unreasoned.GetProperty("errors").TryGetProperty("reasons.penaltyCredit:invoice:1", out _));
        await account.PostAsync($"/invoices/{invoiceId}/dispute", new { message = "x" }, HttpStatusCode.Forbidden);
        Assert.True((await manager.PostAsync($"/invoices/{invoiceId}/dispute", new { message = " " }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("message", out _));

        // The client disputes it; the provider answers with a credit note of the month's penalties, naming the invoice.
        var disputed = await manager.PostAsync($"/invoices/{invoiceId}/dispute", new { message = $"Les pénalités de {text} ne sont pas déduites." });
        Assert.Equal("disputed", Text(disputed, "status"));
        Assert.Equal("Marc Dubois", Text(disputed.GetProperty("dispute"), "by"));
        await manager.PostAsync($"/invoices/{invoiceId}/dispute", new { message = "encore" }, HttpStatusCode.Conflict);
        var creditNote = await account.UploadAsync(path, "avoir.pdf", InvoiceFiles.FacturX(
            $"AV-{number}", last.AddDays(20), first, last, [new GeneratedLine($"Pénalités SLA {text}", 1m, 500m)], creditNote: true, precedingInvoice: number),
            HttpStatusCode.Created);
        var creditNoteId = creditNote.GetProperty("id").GetGuid();
        Assert.Equal(("creditNote", "controlled", "compliant"), (Text(creditNote, "kind"), Text(creditNote, "status"), Text(creditNote, "result")));
        Assert.Equal(invoiceId, creditNote.GetProperty("precedingInvoice").GetProperty("id").GetGuid());

        // The invoice, answered, is controlled again counting the credit note: compliant.
        var answered = await manager.GetAsync($"/invoices/{invoiceId}");
        Assert.Equal(("answered", "compliant", 0m), (Text(answered, "status"), Text(answered, "result"), answered.GetProperty("totalAtStake").GetDecimal()));
        Assert.Empty(answered.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal(creditNoteId, answered.GetProperty("corrections")[0].GetProperty("id").GetGuid());

        // Approved, then paid: not in the future, then today.
        var approved = await manager.PostAsync($"/invoices/{invoiceId}/approve", new { reasons = new Dictionary<string, string>() });
        Assert.Equal("approved", Text(approved, "status"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True((await manager.PostAsync($"/invoices/{invoiceId}/paid", new { paidOn = today.AddDays(2) }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("paidOn", out _));
        var paid = await manager.PostAsync($"/invoices/{invoiceId}/paid", new { paidOn = today });
        Assert.Equal(("paid", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (Text(paid, "status"), Text(paid, "paidOn")));
        Assert.Equal(["received", "controlled", "disputed", "answered", "approved", "paid"], paid.GetProperty("history").EnumerateArray().Select(h => Text(h, "status")));
        await manager.PostAsync($"/invoices/{invoiceId}/approve", new { reasons = new Dictionary<string, string>() }, HttpStatusCode.Conflict);

        // Each event once: received and controlled on receipt, controlled again when the credit note came, then each decision.
        var shortWait = TimeSpan.FromSeconds(3);
        Assert.Single(await system.Events.WaitForAsync<InvoiceReceived>(e => e.InvoiceId == invoiceId, count: 2, timeout: shortWait));
        Assert.Single(await system.Events.WaitForAsync<InvoiceReceived>(e => e.InvoiceId == creditNoteId, count: 2, timeout: shortWait));
        var controls = await system.Events.WaitForAsync<InvoiceControlled>(e => e.InvoiceId == invoiceId, count: 3, timeout: shortWait);
        Assert.Equal(["discrepancies", "compliant"], controls.Select(e => e.Result));
        Assert.Equal(500m, controls[0].TotalAtStake);
        Assert.Single(await system.Events.WaitForAsync<InvoiceDisputed>(e => e.InvoiceId == invoiceId, count: 2, timeout: shortWait));
        Assert.Single(await system.Events.WaitForAsync<InvoiceApproved>(e => e.InvoiceId == invoiceId, count: 2, timeout: shortWait));
        var paidEvent = Assert.Single(await system.Events.WaitForAsync<InvoicePaid>(e => e.InvoiceId == invoiceId, count: 2, timeout: shortWait));
        Assert.Equal((today, 12_000m), (paidEvent.PaidOn, paidEvent.TotalWithVat));
    }

    [Fact]
    public async Task An_invoice_entered_in_the_form_gets_its_totals_computed_and_no_original()
    {
        var first = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { StartDate = first, Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null });
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        await UntilContractAndTermsAsync(account, contractId);
        var entered = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = "F-FORM-1", issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[] { new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.Created);
        Assert.Equal(("form", "controlled", "compliant"), (Text(entered, "source"), Text(entered, "status"), Text(entered, "result")));
        Assert.Equal(12_000m, entered.GetProperty("totals").GetProperty("payable").GetDecimal());
        Assert.True(IsNull(entered, "original"), "a form entry has no original file");
        await account.GetAsync($"/invoices/{entered.GetProperty("id").GetGuid()}/original", HttpStatusCode.NotFound);

        // The same invoice twice is a duplicate of the first.
        var twice = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = "F-FORM-1", issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[] { new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.Created);
        var duplicate = Assert.Single(twice.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal(("duplicate", entered.GetProperty("id").GetGuid()), (Text(duplicate, "code"), duplicate.GetProperty("duplicateOf").GetGuid()));

        // The client clears it with a reason: the invoice is controlled again, compliant.
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        var twiceId = twice.GetProperty("id").GetGuid();
        var clearPath = $"/invoices/{twiceId}/duplicates/{entered.GetProperty("id").GetGuid()}/clear";
        Assert.True((await manager.PostAsync(clearPath, new { reason = "" }, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("reason", out _));
        var cleared = await manager.PostAsync(clearPath, new { reason = "Deux sites facturés séparément." });
        Assert.Equal(("controlled", "compliant"), (Text(cleared, "status"), Text(cleared, "result")));
        Assert.Empty(cleared.GetProperty("discrepancies").EnumerateArray());

        // The first one disputed, the provider sends a corrected invoice naming it: the first is replaced, the new one controlled.
        var enteredId = entered.GetProperty("id").GetGuid();
        await manager.PostAsync($"/invoices/{enteredId}/dispute", new { message = "Il manque la journée de développement." });
        var corrected = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = "F-FORM-2", issueDate = last, kind = "invoice", precedingInvoice = "F-FORM-1", periodStart = first, periodEnd = last,
            lines = new object[]
            {
                new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m },
                new { description = "Journée de développement", itemCode = "UO-DEV", quantity = 1m, unitPrice = 620m, vatRate = 20m },
            },
        }, HttpStatusCode.Created);
        Assert.Equal(("controlled", "compliant", enteredId), (Text(corrected, "status"), Text(corrected, "result"), corrected.GetProperty("precedingInvoice").GetProperty("id").GetGuid()));
        Assert.Equal("workUnit", Text(corrected.GetProperty("lines")[1], "kind"));
        var replaced = await manager.GetAsync($"/invoices/{enteredId}");
        Assert.Equal("replaced", Text(replaced, "status"));
        Assert.Equal(("F-FORM-2", "controlled"), (Text(replaced.GetProperty("corrections")[0], "number"), Text(replaced.GetProperty("corrections")[0], "status")));
        await manager.PostAsync($"/invoices/{enteredId}/approve", new { reasons = new Dictionary<string, string>() }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Work_units_beyond_the_inventory_block_until_the_inventory_grows_and_the_tolerance_lets_a_cent_pass()
    {
        // UO-POSTE (45.00) is counted on workstations; the contract tolerates 1.00 € of difference.
        var first = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with
        {
            StartDate = first, Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null, InvoiceTolerance = new InvoiceTolerance(Amount: 1m),
        });
        async Task InventoryAsync(int workstations)
        {
            await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None);
            await unitOfWork.AddEventAsync(new ContractInventoryChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, Items = [new InventoryItemSummary(Guid.NewGuid(), "workstation", "Postes du siège", "medium", workstations)],
            });
            await unitOfWork.CommitAsync();
        }

        await InventoryAsync(10);
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        await UntilContractAndTermsAsync(account, contractId);
        await UntilInvoicingAsync(
            "the inventory of ten workstations", "SELECT coalesce(sum(quantity), 0) = 10 FROM inventory_items WHERE contract_id = @id", contractId);

        // Twelve workstations billed for ten in the inventory; the fee 0.50 € over, within the tolerance.
        var entered = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = $"F-{Guid.NewGuid():N}"[..12], issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[]
            {
                new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000.50m, vatRate = 20m },
                new { description = "Support des postes", itemCode = "UO-POSTE", quantity = 12m, unitPrice = 45m, vatRate = 20m },
            },
        }, HttpStatusCode.Created);
        var invoiceId = entered.GetProperty("id").GetGuid();
        var found = entered.GetProperty("discrepancies").EnumerateArray().ToDictionary(d => Text(d, "code")!);
        Assert.Equal(["fixedFee", "volume"], found.Keys.Order(StringComparer.Ordinal));
        Assert.False(found["fixedFee"].GetProperty("blocking").GetBoolean());
        Assert.Equal((10m, 12m, 90m, true), (
            found["volume"].GetProperty("expected").GetDecimal(), found["volume"].GetProperty("actual").GetDecimal(),
            found["volume"].GetProperty("amountAtStake").GetDecimal(), found["volume"].GetProperty("blocking").GetBoolean()));
        Assert.Equal(("discrepancies", 90m), (Text(entered, "result"), entered.GetProperty("totalAtStake").GetDecimal()));

        // The inventory grows to twelve: the invoice still awaiting the client is controlled again, compliant.
        await InventoryAsync(12);
        var recontrolled = await account.UntilAsync($"/invoices/{invoiceId}", i => Text(i, "result") == "compliant");
        Assert.Equal(("controlled", 0m), (Text(recontrolled, "status"), recontrolled.GetProperty("totalAtStake").GetDecimal()));
        Assert.Equal("fixedFee", Text(Assert.Single(recontrolled.GetProperty("discrepancies").EnumerateArray()), "code"));
        var controls = await system.Events.WaitForAsync<InvoiceControlled>(e => e.InvoiceId == invoiceId, count: 3, timeout: TimeSpan.FromSeconds(3));
        Assert.Equal(["discrepancies", "compliant"], controls.Select(e => e.Result));
    }

    [Fact]
    public async Task An_evolution_billed_before_its_validation_blocks_until_the_client_validates_it()
    {
        var first = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { StartDate = first, Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null });
        var evolutionId = Guid.NewGuid();
        async Task EvolutionAsync(string from, string to, int day)
        {
            await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None);
            await unitOfWork.AddEventAsync(new EvolutionRequestStateChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, EvolutionRequestId = evolutionId, Title = "Connecteur SIRH", From = from, To = to,
                QuoteAmount = 5_000m, OccurredAt = new DateTimeOffset(first.AddDays(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
            });
            await unitOfWork.CommitAsync();
        }

        // Proposed with its quote, not validated yet, when the provider bills 4,000.00 of it.
        await EvolutionAsync("specified", "proposed", 1);
        await system.Events.WaitForAsync<EvolutionRequestStateChanged>(e => e.EvolutionRequestId == evolutionId);
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        await UntilContractAndTermsAsync(account, contractId);
        // Unknown or not validated (whether its event has reached the service yet or not), the line blocks.
        var entered = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = $"F-{Guid.NewGuid():N}"[..12], issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[]
            {
                new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m },
                new { description = "Connecteur SIRH, premier lot", evolutionReference = evolutionId.ToString(), quantity = 1m, unitPrice = 4_000m, vatRate = 20m },
            },
        }, HttpStatusCode.Created);
        var notValidated = Assert.Single(entered.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal(("evolution", 2, 4_000m), (Text(notValidated, "code"), notValidated.GetProperty("line").GetInt32(), notValidated.GetProperty("amountAtStake").GetDecimal()));
        Assert.Equal("evolution", Text(entered.GetProperty("lines")[1], "kind"));

        // The client validates it (on the 5th, before the invoice's issue): the invoice is controlled again, compliant.
        await EvolutionAsync("proposed", "validated", 4);
        var recontrolled = await account.UntilAsync($"/invoices/{entered.GetProperty("id").GetGuid()}", i => Text(i, "result") == "compliant");
        Assert.Empty(recontrolled.GetProperty("discrepancies").EnumerateArray());
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    /// <summary>Null, or left out as the services' JSON leaves out nulls.</summary>
    private static bool IsNull(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static DateTimeOffset At(DateTime month, int day, int hour)
    {
        var local = new DateTime(month.Year, month.Month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [Fact]
    public async Task An_invoice_received_before_its_contract_terms_is_controlled_when_they_arrive()
    {
        var first = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { StartDate = first, Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null });
        var activated = Assert.Single(await system.Events.WaitForAsync<ContractVersionActivated>(e => e.ContractId == contractId));
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        await UntilContractAndTermsAsync(account, contractId);
        // Both of Invoicing's consumers of the activation (the replica's and the invoices' control) have written the terms.
        await UntilInvoicingAsync("the activation, by both its consumers", "SELECT count(*) = 2 FROM inbox_messages WHERE message_id = @id", activated.EventId);

        // As if the terms were still on their way to the Invoicing service when the invoice came.
        await using (var connection = new NpgsqlConnection(system.Databases["invoicing"]))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DELETE FROM contract_terms WHERE contract_id = @contractId", connection);
            command.Parameters.AddWithValue("contractId", contractId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var entered = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = $"F-{Guid.NewGuid():N}"[..12], issueDate = last, kind = "invoice", periodStart = first, periodEnd = last,
            lines = new object[] { new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.Created);
        var invoiceId = entered.GetProperty("id").GetGuid();
        Assert.Equal("received", Text(entered, "status"));
        Assert.True(IsNull(entered, "result"), "nothing to control against yet");

        // The terms arrive: the invoice is controlled.
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(activated with { EventId = Guid.CreateVersion7() });
            await unitOfWork.CommitAsync();
        }

        var controlled = await account.UntilAsync($"/invoices/{invoiceId}", i => Text(i, "status") == "controlled");
        Assert.Equal("compliant", Text(controlled, "result"));
        Assert.Equal(["received", "controlled"], controlled.GetProperty("history").EnumerateArray().Select(h => Text(h, "status")));
        var controls = await system.Events.WaitForAsync<InvoiceControlled>(e => e.InvoiceId == invoiceId, count: 2, timeout: TimeSpan.FromSeconds(3));
        Assert.Equal("compliant", Assert.Single(controls).Result);
    }

    /// <summary>
    /// Until the Invoicing service has the contract and its terms: they come by different events (ContractSigned and
    /// ContractVersionActivated, on two queues), and an invoice is controlled against the terms.
    /// </summary>
    private async Task UntilContractAndTermsAsync(ContractParty account, Guid contractId)
    {
        await account.UntilAsync($"/contracts/{contractId}/invoices", _ => true);
        await UntilInvoicingAsync("the contract's terms", "SELECT EXISTS (SELECT FROM contract_terms WHERE contract_id = @id)", contractId);
    }

    /// <summary>Until <paramref name="sql"/>, a yes or no about <paramref name="id"/>, says yes in the Invoicing service's database.</summary>
    private async Task UntilInvoicingAsync(string what, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(system.Databases["invoicing"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await Eventually.UntilAsync(async () => (bool)(await command.ExecuteScalarAsync())!, $"the Invoicing service received {what}");
    }

    private static async Task<JsonElement> ReadInAsync(ContractParty party, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
