using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Data;

/// <summary>An invoice as stored: its header figures, its workflow, and the document read (kept whole for each re-control).</summary>
public sealed record InvoiceRow(
    Guid TenantId, Guid ContractId, Guid InvoiceId, string Number, string Kind, string Status, string? Result, decimal TotalAtStake,
    string Source, DateOnly IssueDate, DateOnly? PeriodStart, DateOnly? PeriodEnd, decimal TotalWithoutVat, decimal TotalWithVat,
    string? PrecedingNumber, Guid? PrecedingInvoiceId, string Document, string? DisputeMessage, string? DisputedBy, DateTimeOffset? DisputedAt,
    DateTimeOffset? ApprovedAt, DateOnly? PaidOn, DateTimeOffset ReceivedAt)
{
    public InvoiceDocument Read() => JsonSerializer.Deserialize<InvoiceDocument>(Document, EventTypeRegistry.SerializerOptions)!;
}

/// <summary>The file an invoice was uploaded as.</summary>
public sealed record InvoiceOriginal(string FileName, string ContentType, byte[] Content);

/// <summary>What a control found, and whether its verdict differs from the one stored before it.</summary>
public sealed record ControlOutcome(ControlResult Result, IReadOnlyList<KeyedDiscrepancy> Discrepancies, bool Changed);

/// <summary>
/// The contract's invoices: receipt, control (on receipt and again when what it read changes), the workflow's steps and
/// the views both sides read. Every write goes through the caller's unit of work, so an invoice, its lines, its control,
/// its history and its events commit together.
/// </summary>
public static class Invoices
{
    private const string Columns =
        """
        tenant_id, contract_id, invoice_id, number, kind, status, result, total_at_stake, source, issue_date, period_start, period_end,
        total_without_vat, total_with_vat, preceding_number, preceding_invoice_id, document::text AS document, dispute_message, disputed_by,
        disputed_at, approved_at, paid_on, received_at
        """;

    private static JsonSerializerOptions Json => EventTypeRegistry.SerializerOptions;

    /// <summary>The invoice if the caller sees it, locked for a change when <paramref name="forUpdate"/>.</summary>
    public static Task<InvoiceRow?> LoadAsync(UnitOfWork unitOfWork, Guid invoiceId, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<InvoiceRow>(
            $"SELECT {Columns} FROM invoices WHERE invoice_id = @invoiceId{(forUpdate ? " FOR UPDATE" : "")}", new { invoiceId });

    /// <summary>
    /// The contract's invoice (not credit note) of that number, for a document naming it as preceding invoice: the disputed
    /// one when several share the number (the one awaiting an answer), else the latest received.
    /// </summary>
    public static Task<InvoiceRow?> FindAsync(UnitOfWork unitOfWork, Guid contractId, string number) =>
        unitOfWork.QuerySingleOrDefaultAsync<InvoiceRow>(
            $"""
            SELECT {Columns} FROM invoices
            WHERE contract_id = @contractId AND lower(number) = lower(@number) AND kind = 'invoice'
            ORDER BY status = 'disputed' DESC, invoice_id DESC LIMIT 1 FOR UPDATE
            """,
            new { contractId, number = number.Trim() });

    /// <summary>Stores a received document (status <c>received</c>) and its original file, with the first history entry.</summary>
    public static async Task<InvoiceRow> InsertAsync(
        UnitOfWork unitOfWork, ContractSummary contract, InvoiceDocument invoice, string source, InvoiceOriginal? original, Guid? precedingId,
        DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(invoice);
        var invoiceId = Guid.CreateVersion7();
        var period = InvoiceControl.BillingPeriod(invoice);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoices (tenant_id, contract_id, invoice_id, number, kind, status, source, issue_date, period_start, period_end,
                                  total_without_vat, total_with_vat, preceding_number, preceding_invoice_id, document, received_at)
            VALUES (@TenantId, @ContractId, @invoiceId, @Number, @Kind, 'received', @source, @IssueDate, @periodStart, @periodEnd,
                    @TaxExclusive, @TaxInclusive, @PrecedingInvoice, @precedingId, @document::jsonb, @now)
            """,
            new
            {
                contract.TenantId, contract.ContractId, invoiceId, invoice.Number, invoice.Kind, source, invoice.IssueDate,
                periodStart = period?.Start, periodEnd = period?.End, invoice.Totals.TaxExclusive, invoice.Totals.TaxInclusive,
                invoice.PrecedingInvoice, precedingId, document = JsonSerializer.Serialize(invoice, Json), now = now.UtcDateTime,
            });
        if (original is not null)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO invoice_originals (tenant_id, contract_id, invoice_id, file_name, content_type, content)
                VALUES (@TenantId, @ContractId, @invoiceId, @FileName, @ContentType, @Content)
                """,
                new { contract.TenantId, contract.ContractId, invoiceId, original.FileName, original.ContentType, original.Content });
        }

        await HistoryAsync(unitOfWork, contract.TenantId, contract.ContractId, invoiceId, InvoiceStatuses.Received, now, by, null);
        return (await LoadAsync(unitOfWork, invoiceId))!;
    }

    /// <summary>
    /// Stores a received invoice or credit note in the caller's transaction (which holds the contract's invoices lock):
    /// audited, announced, controlled (both events); the disputed invoice it names answered (a credit note: controlled again
    /// counting it) or replaced (a corrected invoice, before this one's control, so that it is not taken for a duplicate).
    /// </summary>
    public static async Task<InvoiceRow> ReceiveAsync(
        UnitOfWork unitOfWork, ContractSummary contract, InvoiceDocument invoice, string source, InvoiceOriginal? original, AuditLog.Actor actor,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(actor);
        var preceding = invoice.PrecedingInvoice is { } number ? await Invoices.FindAsync(unitOfWork, contract.ContractId, number) : null;
        var row = await Invoices.InsertAsync(unitOfWork, contract, invoice, source, original, preceding?.InvoiceId, now, actor.Name);
        await AuditLog.WriteAsync(
            unitOfWork, contract.TenantId, actor, "invoice.received", "invoice", row.InvoiceId, null,
            new { row.Number, row.Kind, row.Source, row.TotalWithoutVat, row.TotalWithVat, Preceding = preceding?.Number, File = original?.FileName }, contract.ContractId);
        await unitOfWork.AddEventAsync(new InvoiceReceived
        {
            TenantId = contract.TenantId, ContractId = contract.ContractId, InvoiceId = row.InvoiceId, Number = row.Number, Kind = row.Kind, Source = source,
            IssueDate = row.IssueDate, Currency = invoice.Currency, TotalWithoutVat = row.TotalWithoutVat, TotalWithVat = row.TotalWithVat,
            PrecedingInvoiceId = preceding?.InvoiceId, PeriodStart = row.PeriodStart,
        });

        // A corrected invoice replaces the disputed one before its control, which then does not take it for a duplicate.
        var isCreditNote = invoice.Kind == InvoiceKinds.CreditNote;
        if (preceding is not null && !isCreditNote)
        {
            await AnswerAsync(unitOfWork, preceding, row, InvoiceStatuses.Replaced, actor, now);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (await Invoices.ControlAsync(unitOfWork, row, today) is { } outcome)
        {
            await MarkControlledAsync(unitOfWork, row, outcome, now);
        }

        // A credit note's lines are stored with its control: the invoice it credits is controlled again counting them.
        if (preceding is not null && isCreditNote)
        {
            await AnswerAsync(unitOfWork, preceding, row, InvoiceStatuses.Answered, actor, now);
            await Invoices.RecontrolAsync(
                unitOfWork, preceding.ContractId, [InvoiceStatuses.Controlled, InvoiceStatuses.Answered], now, preceding.InvoiceId);
        }


        return row;
    }

    /// <summary>A received document's first control done: <c>controlled</c>, in its history, announced.</summary>
    private static async Task MarkControlledAsync(UnitOfWork unitOfWork, InvoiceRow row, ControlOutcome outcome, DateTimeOffset now)
    {
        await SetStatusAsync(unitOfWork, row, InvoiceStatuses.Controlled);
        await HistoryAsync(unitOfWork, row, InvoiceStatuses.Controlled, now, AuditLog.Actor.System.Name, null);
        await unitOfWork.AddEventAsync(Controlled(row, InvoiceStatuses.Controlled, outcome));
    }

    /// <summary>A disputed invoice answered by the document naming it: <c>answered</c> by a credit note, <c>replaced</c> by a corrected invoice.</summary>
    private static async Task AnswerAsync(UnitOfWork unitOfWork, InvoiceRow preceding, InvoiceRow answer, string status, AuditLog.Actor actor, DateTimeOffset now)
    {
        if (preceding.Status != InvoiceStatuses.Disputed)
        {
            return;
        }

        await Invoices.SetStatusAsync(unitOfWork, preceding, status);
        await Invoices.HistoryAsync(unitOfWork, preceding, status, now, actor.Name, answer.Number);
        await AuditLog.WriteAsync(
            unitOfWork, preceding.TenantId, actor, $"invoice.{status}", "invoice", preceding.InvoiceId,
            new { preceding.Status }, new { Status = status, By = answer.Number }, preceding.ContractId);
    }

    public static Task HistoryAsync(UnitOfWork unitOfWork, InvoiceRow row, string status, DateTimeOffset at, string by, string? reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        return HistoryAsync(unitOfWork, row.TenantId, row.ContractId, row.InvoiceId, status, at, by, reason);
    }

    private static Task HistoryAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid invoiceId, string status, DateTimeOffset at, string by, string? reason) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoice_history (tenant_id, contract_id, invoice_id, entry_id, status, at, by_name, reason)
            VALUES (@tenantId, @contractId, @invoiceId, @entryId, @status, @at, @by, @reason)
            """,
            new { tenantId, contractId, invoiceId, entryId = Guid.CreateVersion7(), status, at = at.UtcDateTime, by, reason });

    public static Task SetStatusAsync(UnitOfWork unitOfWork, InvoiceRow row, string status)
    {
        ArgumentNullException.ThrowIfNull(row);
        return unitOfWork.ExecuteAsync("UPDATE invoices SET status = @status WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId", new { status, row.TenantId, row.InvoiceId });
    }

    private sealed record StoredDiscrepancy(string Key, string Code, decimal AmountAtStake, bool Blocking, decimal? Expected, decimal? Actual, string? AcceptedReason, string? AcceptedBy, DateTimeOffset? AcceptedAt);

    /// <summary>
    /// Controls the invoice against the data as it now is and stores the verdict: each line's recognised kind (what
    /// later controls of other invoices read), the discrepancies by key (an acceptance given to a key stays with it), the
    /// result and total at stake. Null when the contract's terms are not replicated yet (it stays as it was).
    /// </summary>
    public static async Task<ControlOutcome?> ControlAsync(UnitOfWork unitOfWork, InvoiceRow row, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(row);
        var invoice = row.Read();
        if (await InvoiceFacts.ContextAsync(unitOfWork, row.ContractId, row.InvoiceId, invoice, today) is not { } context)
        {
            return null;
        }

        var result = InvoiceControl.Check(invoice, context);
        var keyed = DiscrepancyKeys.Of(result);
        var recognition = LineKindContext.Of(invoice, context);
        var period = InvoiceControl.BillingPeriod(invoice);
        await unitOfWork.ExecuteAsync("DELETE FROM invoice_lines WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId", new { row.TenantId, row.InvoiceId });
        var lines = invoice.Lines.Select(line => (Line: line, Recognised: LineKindRecognition.Identify(line, recognition))).ToList();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoice_lines (tenant_id, contract_id, invoice_id, position, kind, work_unit_code, evolution_id, month, quantity, net_amount)
            SELECT @TenantId, @ContractId, @InvoiceId, l.* FROM unnest(@positions, @kinds, @codes, @evolutions, @months, @quantities, @nets) AS l
            """,
            new
            {
                row.TenantId, row.ContractId, row.InvoiceId,
                positions = lines.Select(l => l.Line.Position).ToArray(),
                kinds = lines.Select(l => l.Recognised.Kind).ToArray(),
                codes = lines.Select(l => l.Recognised.WorkUnitCode).ToArray(),
                evolutions = lines.Select(l => l.Recognised.Evolution?.Id).ToArray(),
                months = lines.Select(l => BillingCalendar.MonthOf(l.Line.Period?.Start ?? period?.Start ?? invoice.IssueDate)).ToArray(),
                quantities = lines.Select(l => l.Line.Quantity).ToArray(),
                nets = lines.Select(l => l.Line.NetAmount).ToArray(),
            });

        var before = (await unitOfWork.QueryAsync<StoredDiscrepancy>(
                """
                SELECT key, code, amount_at_stake, blocking, expected, actual, accepted_reason, accepted_by, accepted_at
                FROM invoice_discrepancies WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId
                """,
                new { row.TenantId, row.InvoiceId }))
            .ToDictionary(d => d.Key, StringComparer.Ordinal);
        await unitOfWork.ExecuteAsync("DELETE FROM invoice_discrepancies WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId", new { row.TenantId, row.InvoiceId });
        // One statement for all of them: a long invoice may have a discrepancy on many of its lines.
        var kept = keyed.Select(k => before.GetValueOrDefault(k.Key)).ToList();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoice_discrepancies (tenant_id, contract_id, invoice_id, key, ordinal, code, line, expected, actual, amount_at_stake,
                                               blocking, message, duplicate_of, accepted_reason, accepted_by, accepted_at)
            SELECT @TenantId, @ContractId, @InvoiceId, d.key, d.ordinal, d.code, d.line, d.expected, d.actual, d.amount_at_stake,
                   d.blocking, d.message::jsonb, d.duplicate_of, d.accepted_reason, d.accepted_by, d.accepted_at
            FROM unnest(@keys, @ordinals, @codes, @lines, @expected, @actual, @atStake, @blocking, @messages, @duplicateOf,
                        @acceptedReasons, @acceptedBy, @acceptedAt)
                 AS d(key, ordinal, code, line, expected, actual, amount_at_stake, blocking, message, duplicate_of, accepted_reason, accepted_by, accepted_at)
            """,
            new
            {
                row.TenantId, row.ContractId, row.InvoiceId,
                keys = keyed.Select(k => k.Key).ToArray(),
                ordinals = keyed.Select(k => k.Ordinal).ToArray(),
                codes = keyed.Select(k => k.Discrepancy.Code).ToArray(),
                lines = keyed.Select(k => k.Discrepancy.Line).ToArray(),
                expected = keyed.Select(k => k.Discrepancy.Expected).ToArray(),
                actual = keyed.Select(k => k.Discrepancy.Actual).ToArray(),
                atStake = keyed.Select(k => k.Discrepancy.AmountAtStake).ToArray(),
                blocking = keyed.Select(k => k.Discrepancy.Blocking).ToArray(),
                messages = keyed.Select(k => JsonSerializer.Serialize(StoredMessage.Of(k.Discrepancy.Message), Json)).ToArray(),
                duplicateOf = keyed.Select(k => k.Discrepancy.DuplicateOf).ToArray(),
                acceptedReasons = kept.Select(d => d?.AcceptedReason).ToArray(),
                acceptedBy = kept.Select(d => d?.AcceptedBy).ToArray(),
                acceptedAt = kept.Select(d => d?.AcceptedAt?.ToUniversalTime()).ToArray(),
            });

        var verdict = InvoiceResults.Of(result);
        var changed = row.Result != verdict || row.TotalAtStake != result.TotalAtStake || before.Count != keyed.Count
            || keyed.Any(k => before.GetValueOrDefault(k.Key) is not { } old || old.Blocking != k.Discrepancy.Blocking
                              || old.AmountAtStake != k.Discrepancy.AmountAtStake || old.Expected != k.Discrepancy.Expected || old.Actual != k.Discrepancy.Actual);
        await unitOfWork.ExecuteAsync(
            "UPDATE invoices SET result = @verdict, total_at_stake = @TotalAtStake WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId",
            new { verdict, result.TotalAtStake, row.TenantId, row.InvoiceId });
        return new ControlOutcome(result, keyed, changed);
    }

    /// <summary>The event saying a control's verdict, with the status the invoice is in after it.</summary>
    public static InvoiceControlled Controlled(InvoiceRow row, string status, ControlOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(outcome);
        return new InvoiceControlled
        {
            TenantId = row.TenantId, ContractId = row.ContractId, InvoiceId = row.InvoiceId, Number = row.Number, Status = status,
            Result = InvoiceResults.Of(outcome.Result), DiscrepancyCount = outcome.Discrepancies.Count, TotalAtStake = outcome.Result.TotalAtStake,
            BlockingCodes = [.. outcome.Result.Discrepancies.Where(d => d.Blocking).Select(d => d.Code).Distinct()],
        };
    }

    /// <summary>
    /// Controls again, under the event's tenant, the contract's invoices in <paramref name="statuses"/>; a verdict that
    /// changed is audited and published (an unchanged one, as when an identical fact comes again, is not).
    /// </summary>
    public static async Task RecontrolAsync(UnitOfWork unitOfWork, Guid contractId, IReadOnlyList<string> statuses, DateTimeOffset now, Guid? only = null)
    {
        var rows = await unitOfWork.QueryAsync<InvoiceRow>(
            $"""
            SELECT {Columns} FROM invoices
            WHERE contract_id = @contractId AND status = ANY(@statuses) AND (@only::uuid IS NULL OR invoice_id = @only)
            ORDER BY received_at FOR UPDATE
            """,
            new { contractId, statuses = statuses.ToArray(), only });
        foreach (var row in rows)
        {
            var outcome = await ControlAsync(unitOfWork, row, DateOnly.FromDateTime(now.UtcDateTime));
            if (outcome is not null && row.Status == InvoiceStatuses.Received)
            {
                await MarkControlledAsync(unitOfWork, row, outcome, now);
            }
            else if (outcome is { Changed: true })
            {
                await AuditLog.WriteAsync(
                    unitOfWork, row.TenantId, AuditLog.Actor.System, "invoice.recontrolled", "invoice", row.InvoiceId,
                    new { row.Result, row.TotalAtStake }, new { Result = InvoiceResults.Of(outcome.Result), outcome.Result.TotalAtStake }, row.ContractId);
                await unitOfWork.AddEventAsync(Controlled(row, row.Status, outcome));
            }
        }
    }

    /// <summary>Records the client's reasons on the discrepancies they accept, and the approval.</summary>
    public static async Task ApproveAsync(UnitOfWork unitOfWork, InvoiceRow row, IReadOnlyDictionary<string, string> reasons, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(reasons);
        foreach (var (key, reason) in reasons)
        {
            await unitOfWork.ExecuteAsync(
                """
                UPDATE invoice_discrepancies SET accepted_reason = @reason, accepted_by = @by, accepted_at = @now
                WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId AND key = @key
                """,
                new { reason, by, now = now.UtcDateTime, row.TenantId, row.InvoiceId, key });
        }

        await unitOfWork.ExecuteAsync(
            "UPDATE invoices SET status = 'approved', approved_at = @now WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId",
            new { now = now.UtcDateTime, row.TenantId, row.InvoiceId });
    }

    public static Task DisputeAsync(UnitOfWork unitOfWork, InvoiceRow row, string message, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return unitOfWork.ExecuteAsync(
            """
            UPDATE invoices SET status = 'disputed', dispute_message = @message, disputed_by = @by, disputed_at = @now
            WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId
            """,
            new { message, by, now = now.UtcDateTime, row.TenantId, row.InvoiceId });
    }

    public static Task PaidAsync(UnitOfWork unitOfWork, InvoiceRow row, DateOnly paidOn)
    {
        ArgumentNullException.ThrowIfNull(row);
        return unitOfWork.ExecuteAsync(
            "UPDATE invoices SET status = 'paid', paid_on = @paidOn WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId",
            new { paidOn, row.TenantId, row.InvoiceId });
    }

    public static Task ClearDuplicateAsync(UnitOfWork unitOfWork, InvoiceRow row, Guid otherId, string reason, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoice_cleared_duplicates (tenant_id, contract_id, invoice_id, other_id, reason, cleared_by, cleared_at)
            VALUES (@TenantId, @ContractId, @InvoiceId, @otherId, @reason, @by, @now)
            ON CONFLICT (tenant_id, invoice_id, other_id) DO NOTHING
            """,
            new { row.TenantId, row.ContractId, row.InvoiceId, otherId, reason, by, now = now.UtcDateTime });
    }

    /// <summary>The discrepancies of the latest control: key, whether blocking, and the client's acceptance if any.</summary>
    public static async Task<IReadOnlyList<(string Key, bool Blocking, bool Accepted, Guid? DuplicateOf)>> DiscrepancyStatesAsync(UnitOfWork unitOfWork, InvoiceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [.. await unitOfWork.QueryAsync<(string, bool, bool, Guid?)>(
            """
            SELECT key, blocking, accepted_reason IS NOT NULL, duplicate_of FROM invoice_discrepancies
            WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId ORDER BY ordinal
            """,
            new { row.TenantId, row.InvoiceId })];
    }

    public static Task<InvoiceOriginal?> OriginalAsync(UnitOfWork unitOfWork, InvoiceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return unitOfWork.QuerySingleOrDefaultAsync<InvoiceOriginal>(
            "SELECT file_name, content_type, content FROM invoice_originals WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId",
            new { row.TenantId, row.InvoiceId });
    }

    private sealed record SummaryRow(
        Guid InvoiceId, string Number, string Kind, string Status, string? Result, DateOnly IssueDate, DateOnly? PeriodStart, DateOnly? PeriodEnd,
        decimal TotalWithoutVat, decimal TotalWithVat, long DiscrepancyCount, decimal TotalAtStake, Guid? PrecedingId, string? PrecedingNumber);

    /// <summary>
    /// The contract's invoices and credit notes, newest first (by issue date, then receipt); null when the unit of work does
    /// not see the contract. One round trip.
    /// </summary>
    public static async Task<IReadOnlyList<InvoiceSummary>?> ListAsync(UnitOfWork unitOfWork, Guid contractId)
    {
        var (contract, rows) = await ContractReplica.ContractAndRowsAsync<SummaryRow>(
            unitOfWork, contractId,
            """
            SELECT i.invoice_id, i.number, i.kind, i.status, i.result, i.issue_date, i.period_start, i.period_end, i.total_without_vat,
                   i.total_with_vat, (SELECT count(*) FROM invoice_discrepancies d WHERE d.tenant_id = i.tenant_id AND d.invoice_id = i.invoice_id) AS discrepancy_count,
                   i.total_at_stake, p.invoice_id AS preceding_id, p.number AS preceding_number
            FROM invoices i LEFT JOIN invoices p ON p.tenant_id = i.tenant_id AND p.invoice_id = i.preceding_invoice_id
            WHERE i.contract_id = @contractId
            ORDER BY i.issue_date DESC, i.received_at DESC
            """);
        return contract is null
            ? null
            : [.. rows.Select(r => new InvoiceSummary(
                r.InvoiceId, r.Number, r.Kind, r.Status, r.Result, r.IssueDate, r.PeriodStart, r.PeriodEnd, r.TotalWithoutVat, r.TotalWithVat,
                (int)r.DiscrepancyCount, r.TotalAtStake, r.PrecedingId is { } id ? new InvoiceReference(id, r.PrecedingNumber!) : null))];
    }

    private sealed record DiscrepancyRow(
        string Key, string Code, int? Line, decimal? Expected, decimal? Actual, decimal AmountAtStake, bool Blocking, string Message, Guid? DuplicateOf,
        string? AcceptedReason, string? AcceptedBy, DateTimeOffset? AcceptedAt);

    private sealed record LineKindRow(int Position, string Kind);

    private sealed record OriginalRow(string FileName, string ContentType, long Size);

    /// <summary>The whole invoice as both sides read it, messages in the caller's language.</summary>
    public static async Task<InvoiceView> ViewAsync(UnitOfWork unitOfWork, InvoiceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var invoice = row.Read();
        var key = new { row.TenantId, row.InvoiceId };
        var discrepancies = await unitOfWork.QueryAsync<DiscrepancyRow>(
            """
            SELECT key, code, line, expected, actual, amount_at_stake, blocking, message::text AS message, duplicate_of, accepted_reason, accepted_by, accepted_at
            FROM invoice_discrepancies WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId ORDER BY ordinal
            """,
            key);
        var kinds = (await unitOfWork.QueryAsync<LineKindRow>(
                "SELECT position, kind FROM invoice_lines WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId", key))
            .ToDictionary(l => l.Position, l => l.Kind);
        var preceding = row.PrecedingInvoiceId is { } precedingId
            ? await unitOfWork.QuerySingleOrDefaultAsync<InvoiceReference>(
                "SELECT invoice_id AS id, number FROM invoices WHERE tenant_id = @TenantId AND invoice_id = @precedingId", new { row.TenantId, precedingId })
            : null;
        var corrections = await unitOfWork.QueryAsync<CorrectionView>(
            """
            SELECT invoice_id AS id, number, kind, status FROM invoices
            WHERE tenant_id = @TenantId AND preceding_invoice_id = @InvoiceId ORDER BY received_at
            """,
            key);
        var original = await unitOfWork.QuerySingleOrDefaultAsync<OriginalRow>(
            "SELECT file_name, content_type, length(content)::bigint AS size FROM invoice_originals WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId", key);
        var history = await unitOfWork.QueryAsync<InvoiceHistoryEntry>(
            """
            SELECT status, at, by_name AS "by", reason FROM invoice_history
            WHERE tenant_id = @TenantId AND invoice_id = @InvoiceId ORDER BY at, entry_id
            """,
            key);

        var period = InvoiceControl.BillingPeriod(invoice);
        var totals = invoice.Totals;
        return new InvoiceView(
            row.InvoiceId, row.ContractId, row.Number, row.Kind, row.Status, row.Result, row.TotalAtStake,
            [.. discrepancies.Select(d => new DiscrepancyView(
                d.Key, d.Code, d.Line, d.Expected, d.Actual, d.AmountAtStake, d.Blocking, StoredMessage.Text(d.Message), d.DuplicateOf,
                d.AcceptedReason is { } reason ? new DiscrepancyAcceptance(reason, d.AcceptedBy!, d.AcceptedAt!.Value) : null))],
            invoice.IssueDate, invoice.DueDate, period?.Start, period?.End, invoice.Currency, Party(invoice.Seller), Party(invoice.Buyer),
            invoice.ContractReference,
            [.. invoice.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineView(
                l.Position, l.Description, kinds.GetValueOrDefault(l.Position) ?? l.Kind ?? InvoiceLineKinds.Other, l.ItemCode, l.EvolutionReference,
                l.Quantity, l.UnitPrice, l.NetAmount, l.VatRate, l.Period?.Start, l.Period?.End))],
            new InvoiceTotalsView(totals.LineTotal, totals.AllowanceTotal, totals.ChargeTotal, totals.TaxExclusive, totals.TaxTotal, totals.TaxInclusive, totals.Payable),
            [.. invoice.Vat.Select(v => new VatView(v.Rate, v.TaxableAmount, v.TaxAmount))],
            preceding, [.. corrections],
            row.DisputeMessage is { } message ? new DisputeView(message, row.DisputedBy!, row.DisputedAt!.Value) : null,
            row.PaidOn, row.Source, original is null ? null : new OriginalView(original.FileName, original.ContentType, original.Size), [.. history]);
    }

    private static InvoicePartyView Party(InvoiceParty party) => new(party.Name, party.LegalId, party.VatNumber);

    /// <summary>A control's message as stored: both languages, so that each reader gets their own.</summary>
    private sealed record StoredMessage(string Code, string English, string French)
    {
        public static StoredMessage Of(Message message) => new(message.Code, message.English, message.French);

        public static string Text(string json)
        {
            var stored = JsonSerializer.Deserialize<StoredMessage>(json, Json)!;
            return new Message(stored.Code, stored.English, stored.French).Text;
        }
    }
}
