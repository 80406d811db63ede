using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;

namespace Infogerance.Invoicing.Data;

/// <summary>
/// The facts the invoice control reads besides the statements' (kept from events, each write keeping the latest version
/// of its fact whatever order events arrive in), and the <see cref="ControlContext"/> an invoice is controlled against,
/// filled from them and from the invoices already received.
/// </summary>
public static class InvoiceFacts
{
    /// <summary>The latest state of the request; its validation day is the first time it reached <c>validated</c>.</summary>
    public static Task ApplyAsync(UnitOfWork unitOfWork, EvolutionRequestStateChanged changed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO evolution_requests (tenant_id, contract_id, evolution_id, title, state, quote_amount, validated_on, changed_at)
            VALUES (@TenantId, @ContractId, @EvolutionRequestId, @Title, @To, @QuoteAmount,
                    CASE WHEN @To = 'validated' THEN @validatedOn END, @at)
            ON CONFLICT (tenant_id, contract_id, evolution_id) DO UPDATE
            SET title = CASE WHEN evolution_requests.changed_at <= excluded.changed_at THEN excluded.title ELSE evolution_requests.title END,
                state = CASE WHEN evolution_requests.changed_at <= excluded.changed_at THEN excluded.state ELSE evolution_requests.state END,
                quote_amount = CASE WHEN evolution_requests.changed_at <= excluded.changed_at
                                    THEN coalesce(excluded.quote_amount, evolution_requests.quote_amount)
                                    ELSE coalesce(evolution_requests.quote_amount, excluded.quote_amount) END,
                validated_on = LEAST(evolution_requests.validated_on, excluded.validated_on),
                changed_at = GREATEST(evolution_requests.changed_at, excluded.changed_at)
            """,
            new
            {
                changed.TenantId, changed.ContractId, changed.EvolutionRequestId, changed.Title, changed.To, changed.QuoteAmount,
                validatedOn = DateOnly.FromDateTime(changed.OccurredAt.UtcDateTime), at = changed.OccurredAt.UtcDateTime,
            });

    /// <summary>A termination decided at term: the contract's last billable day is the end of that period.</summary>
    public static Task ApplyAsync(UnitOfWork unitOfWork, RenewalDecided decided) =>
        decided.Decision != "terminate"
            ? Task.CompletedTask
            : unitOfWork.ExecuteAsync(
                """
                INSERT INTO contract_endings (tenant_id, contract_id, terminated_on) VALUES (@TenantId, @ContractId, @PeriodEnd)
                ON CONFLICT (tenant_id, contract_id) DO UPDATE SET terminated_on = excluded.terminated_on
                """,
                new { decided.TenantId, decided.ContractId, decided.PeriodEnd });

    public static Task ApplyAsync(UnitOfWork unitOfWork, ContractClosed closed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_endings (tenant_id, contract_id, closed_on) VALUES (@TenantId, @ContractId, @ClosedOn)
            ON CONFLICT (tenant_id, contract_id) DO UPDATE SET closed_on = excluded.closed_on
            """,
            new { closed.TenantId, closed.ContractId, closed.ClosedOn });

    /// <summary>
    /// The terms of the version in force on <paramref name="today"/> (else the latest), which give the contract's start,
    /// its term, its work units' counting and its tolerance; null while no version is replicated.
    /// </summary>
    public static async Task<ContractTerms?> TermsInForceAsync(UnitOfWork unitOfWork, Guid contractId, DateOnly today)
    {
        var versions = await ContractReplica.VersionsAsync(unitOfWork, contractId);
        var version = versions.Where(v => v.EffectiveFrom <= today).Select(v => (int?)v.Number).DefaultIfEmpty(null).Max()
            ?? versions.Select(v => (int?)v.Number).DefaultIfEmpty(null).Max();
        return version is { } number ? await Statements.TermsAsync(unitOfWork, contractId, number) : null;
    }

    /// <summary>
    /// The contract's life: from its start to the end of the term running on <paramref name="today"/> (the initial term,
    /// then each tacit renewal), cut at a termination; a closure after it is the end of the reversibility.
    /// </summary>
    public static async Task<ContractLife> LifeAsync(UnitOfWork unitOfWork, Guid contractId, ContractTerms terms, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var termEnd = terms.StartDate.AddMonths(terms.InitialTermMonths).AddDays(-1);
        for (var renewals = 1; termEnd < today && terms.RenewalPeriodMonths > 0; renewals++)
        {
            termEnd = terms.StartDate.AddMonths(terms.InitialTermMonths + renewals * terms.RenewalPeriodMonths).AddDays(-1);
        }

        var ending = await unitOfWork.QuerySingleOrDefaultAsync<EndingFact>(
            "SELECT terminated_on, closed_on FROM contract_endings WHERE contract_id = @contractId", new { contractId });
        var terminated = ending?.TerminatedOn ?? ending?.ClosedOn;
        var reversibility = ending?.ClosedOn is { } closed && terminated is { } end && closed > end ? closed : (DateOnly?)null;
        return new ContractLife(contractId, terms.StartDate, termEnd, terminated, reversibility);
    }

    private sealed record EndingFact(DateOnly? TerminatedOn, DateOnly? ClosedOn);

    private sealed record PriceFact(DateOnly EffectiveOn, decimal MonthlyFee, string WorkUnits);

    private sealed record EvolutionFact(Guid EvolutionId, string Title, string State, decimal? QuoteAmount, DateOnly? ValidatedOn, decimal BilledElsewhere);

    private sealed record OtherInvoiceFact(Guid InvoiceId, string Number, string Seller, Guid ContractId, DateOnly? PeriodStart, DateOnly? PeriodEnd, decimal TotalWithoutVat, string Kind);

    private sealed record CreditNoteFact(Guid InvoiceId, string Number, DateOnly? PeriodStart, DateOnly? PeriodEnd, decimal PenaltyAmount);

    /// <summary>The contract's prices by date: each version's own from its effective day, replaced by PricesRevised's on the same day.</summary>
    public static async Task<IReadOnlyList<DatedPrices>> PricesAsync(UnitOfWork unitOfWork, Guid contractId)
    {
        var prices = new SortedDictionary<DateOnly, PriceSchedule>();
        foreach (var version in await ContractReplica.VersionsAsync(unitOfWork, contractId))
        {
            if (await Statements.TermsAsync(unitOfWork, contractId, version.Number) is { } own)
            {
                prices[version.EffectiveFrom] = own.Prices;
            }
        }

        foreach (var row in await unitOfWork.QueryAsync<PriceFact>(
            "SELECT effective_on, monthly_fee, work_units::text FROM prices_in_force WHERE contract_id = @contractId ORDER BY effective_on, version_number",
            new { contractId }))
        {
            prices[row.EffectiveOn] = new PriceSchedule
            {
                MonthlyFee = row.MonthlyFee,
                WorkUnits = JsonSerializer.Deserialize<List<WorkUnitPrice>>(row.WorkUnits, EventTypeRegistry.SerializerOptions) ?? [],
            };
        }

        return [.. prices.Select(entry => new DatedPrices(entry.Key, entry.Value))];
    }

    /// <summary>
    /// What <paramref name="invoice"/> (stored as <paramref name="invoiceId"/>) is controlled against: the contract's life
    /// and prices by date (each version's own, replaced by PricesRevised's on the same day), the inventory's count by type,
    /// the work units of approved invoices, the evolution requests with what other invoices billed for them net of credit
    /// notes, the issued penalty statements, the credit notes referring to it, the invoices of the contract and those of
    /// the same number (the duplicate check compares their sellers), and the invoices the client cleared.
    /// </summary>
    public static async Task<ControlContext?> ContextAsync(UnitOfWork unitOfWork, Guid contractId, Guid invoiceId, InvoiceDocument invoice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (await TermsInForceAsync(unitOfWork, contractId, today) is not { } terms)
        {
            return null;
        }

        var prices = await PricesAsync(unitOfWork, contractId);
        var inventory = (await unitOfWork.QueryAsync<(string Type, decimal Count)>(
                "SELECT type, sum(quantity)::numeric FROM inventory_items WHERE contract_id = @contractId GROUP BY type", new { contractId }))
            .ToDictionary(row => row.Type, row => row.Count, StringComparer.Ordinal);

        var approvedUnits = await unitOfWork.QueryAsync<ApprovedWorkUnits>(
            """
            SELECT l.month, l.work_unit_code AS code, sum(l.quantity) AS quantity
            FROM invoice_lines l JOIN invoices i ON i.tenant_id = l.tenant_id AND i.invoice_id = l.invoice_id
            WHERE l.contract_id = @contractId AND l.invoice_id <> @invoiceId AND l.kind = 'workUnit' AND l.work_unit_code IS NOT NULL
              AND l.month IS NOT NULL AND i.kind = 'invoice' AND i.status IN ('approved', 'paid')
            GROUP BY l.month, l.work_unit_code
            """,
            new { contractId, invoiceId });

        var evolutions = await unitOfWork.QueryAsync<EvolutionFact>(
            """
            SELECT e.evolution_id, e.title, e.state, e.quote_amount, e.validated_on,
                   coalesce((SELECT sum(CASE WHEN i.kind = 'creditNote' THEN -l.net_amount ELSE l.net_amount END)
                             FROM invoice_lines l JOIN invoices i ON i.tenant_id = l.tenant_id AND i.invoice_id = l.invoice_id
                             WHERE l.contract_id = e.contract_id AND l.evolution_id = e.evolution_id AND l.invoice_id <> @invoiceId
                               AND i.status <> 'replaced'), 0) AS billed_elsewhere
            FROM evolution_requests e WHERE e.contract_id = @contractId
            """,
            new { contractId, invoiceId });

        var statements = await unitOfWork.QueryAsync<IssuedPenaltyStatement>(
            "SELECT month, total AS total_due FROM penalty_statements WHERE contract_id = @contractId", new { contractId });

        var creditNotes = await unitOfWork.QueryAsync<CreditNoteFact>(
            """
            SELECT i.invoice_id, i.number, i.period_start, i.period_end,
                   coalesce((SELECT sum(l.net_amount) FROM invoice_lines l
                             WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.invoice_id AND l.kind = 'penaltyCredit'), 0) AS penalty_amount
            FROM invoices i
            WHERE i.contract_id = @contractId AND i.preceding_invoice_id = @invoiceId AND i.kind = 'creditNote'
            """,
            new { contractId, invoiceId });

        var others = await unitOfWork.QueryAsync<OtherInvoiceFact>(
            """
            SELECT invoice_id, number, (document -> 'seller')::text AS seller, contract_id, period_start, period_end, total_without_vat, kind
            FROM invoices
            WHERE invoice_id <> @invoiceId AND status <> 'replaced' AND (contract_id = @contractId OR lower(number) = lower(@number))
            """,
            new { contractId, invoiceId, number = invoice.Number.Trim() });

        var cleared = await unitOfWork.QueryAsync<Guid>(
            "SELECT other_id FROM invoice_cleared_duplicates WHERE invoice_id = @invoiceId", new { invoiceId });

        return new ControlContext
        {
            Contract = await LifeAsync(unitOfWork, contractId, terms, today),
            InvoiceId = invoiceId,
            Prices = prices,
            InventoryTypeByWorkUnit = CountedOn(prices.Select(entry => entry.Prices)),
            InventoryByType = inventory,
            ApprovedWorkUnits = [.. approvedUnits],
            Evolutions = [.. evolutions.Select(e => new ContractEvolution(e.EvolutionId, null, e.Title, e.State, e.ValidatedOn, e.QuoteAmount, e.BilledElsewhere))],
            PenaltyStatements = [.. statements],
            PenaltyCreditNotes =
            [
                .. creditNotes.Select(note => new PenaltyCreditNote(
                    note.InvoiceId, note.Number, note.PenaltyAmount,
                    CreditNotes.MonthOf(note.PeriodStart is { } start && note.PeriodEnd is { } end ? new InvoicePeriod(start, end) : null))),
            ],
            OtherInvoices =
            [
                .. others.Select(other => new KnownInvoice(
                    other.InvoiceId, other.Number, JsonSerializer.Deserialize<InvoiceParty>(other.Seller, EventTypeRegistry.SerializerOptions)!, other.ContractId,
                    other.PeriodStart is { } start && other.PeriodEnd is { } end ? new InvoicePeriod(start, end) : null, other.TotalWithoutVat, other.Kind)),
            ],
            ClearedDuplicates = [.. cleared],
            Tolerance = terms.InvoiceTolerance is { } tolerance ? new ControlTolerance(tolerance.Amount, tolerance.Percent) : ControlTolerance.None,
        };
    }

    /// <summary>The inventory type each work unit is counted on, as the latest schedule naming the code says.</summary>
    private static Dictionary<string, string> CountedOn(IEnumerable<PriceSchedule> schedulesByDate)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in schedulesByDate.SelectMany(schedule => schedule.WorkUnits))
        {
            if (string.IsNullOrWhiteSpace(unit.CountedOn))
            {
                types.Remove(unit.Code);
            }
            else
            {
                types[unit.Code] = unit.CountedOn;
            }
        }

        return types;
    }
}
