using Infogerance.Documents;
using Infogerance.IntegrationEvents;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// The invoice control (pure): an invoice checked against its own arithmetic, the invoices already received and its
/// contract (life, revised prices, inventory volumes, evolution requests, issued penalty statements). A credit note is
/// checked for its arithmetic, duplicates and period only. Lines are read in the order of their positions, so the
/// result does not depend on the order the document lists them in.
/// </summary>
public static class InvoiceControl
{
    public static ControlResult Check(InvoiceDocument invoice, ControlContext context)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(context);
        var recognition = LineKindContext.Of(invoice, context);
        var kinds = new string[invoice.Lines.Count];
        var lines = new Recognised[invoice.Lines.Count];
        for (var i = 0; i < kinds.Length; i++)
        {
            var recognised = LineKindRecognition.Identify(invoice.Lines[i], recognition);
            kinds[i] = recognised.Kind;
            lines[i] = new Recognised(invoice.Lines[i], recognised.Kind, recognised.WorkUnitCode, recognised.Evolution);
        }

        Array.Sort(lines, (x, y) => x.Line.Position.CompareTo(y.Line.Position));
        var found = new List<Discrepancy>();
        CheckArithmetic(invoice, lines, context.Tolerance, found);
        var period = BillingPeriod(invoice);
        CheckDuplicates(invoice, period, context, found);
        var isCreditNote = invoice.Kind == InvoiceKinds.CreditNote;
        CheckPeriods(invoice, lines, period, context.Contract, requirePeriod: !isCreditNote, found);
        if (!isCreditNote)
        {
            var prices = new PriceBook(context.Prices);
            CheckFixedFee(invoice, lines, prices, context.Tolerance, found);
            CheckWorkUnits(invoice, lines, period, prices, context, found);
            CheckEvolutions(invoice, lines, found);
            CheckPenaltyCredits(lines, period, context, found);
        }

        return new ControlResult(found, kinds);
    }

    /// <summary>The document's billing period, else the span of its lines' periods, else null.</summary>
    public static InvoicePeriod? BillingPeriod(InvoiceDocument invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Period is { } period)
        {
            return period;
        }

        DateOnly? start = null, end = null;
        foreach (var line in invoice.Lines)
        {
            if (line.Period is { } own)
            {
                start = start is { } s && s < own.Start ? s : own.Start;
                end = end is { } e && e > own.End ? e : own.End;
            }
        }

        return start is { } first && end is { } last ? new InvoicePeriod(first, last) : null;
    }

    /// <summary>A line with what recognition found it bills.</summary>
    private readonly record struct Recognised(InvoiceLine Line, string Kind, string? WorkUnitCode, ContractEvolution? Evolution);

    private static decimal Cents(decimal amount) => PenaltyStatement.Cents(amount);

    /// <summary>A difference between two figures, tolerated (not blocking) when the tolerance allows it on <paramref name="expectedAmount"/>.</summary>
    private static Discrepancy Difference(
        string code, int? line, decimal expected, decimal actual, decimal amountAtStake, decimal expectedAmount, ControlTolerance tolerance, Message message) =>
        new(code, line, expected, actual, amountAtStake, !tolerance.Tolerates(amountAtStake, expectedAmount), message);

    // 1. Arithmetic: each figure checked against the stated figures it is computed from, so one error is said once.

    private static void CheckArithmetic(InvoiceDocument invoice, Recognised[] lines, ControlTolerance tolerance, List<Discrepancy> found)
    {
        var singleRate = invoice.Vat.Count == 1 ? invoice.Vat[0].Rate : (decimal?)null;
        var bases = new SortedDictionary<decimal, decimal>();
        void AddToBase(decimal? rate, decimal amount)
        {
            var key = rate ?? singleRate ?? 0m;
            bases[key] = bases.GetValueOrDefault(key) + amount;
        }

        var lineTotal = 0m;
        foreach (var (line, _, _, _) in lines)
        {
            var expected = Cents(line.Quantity * line.UnitPrice - line.AllowanceAmount + line.ChargeAmount);
            if (expected != line.NetAmount)
            {
                var gap = Math.Abs(expected - line.NetAmount);
                found.Add(Difference(
                    DiscrepancyCodes.Arithmetic, line.Position, expected, line.NetAmount, gap, expected, tolerance,
                    InvoiceControlMessages.LineNet(line.Position, line.Quantity, line.UnitPrice, expected, line.NetAmount)) with { Field = ArithmeticFields.LineNet });
            }

            lineTotal += line.NetAmount;
            AddToBase(line.VatRate, line.NetAmount);
        }

        var allowances = 0m;
        var charges = 0m;
        foreach (var adjustment in invoice.AllowancesCharges)
        {
            if (adjustment.IsCharge)
            {
                charges += adjustment.Amount;
                AddToBase(adjustment.VatRate, adjustment.Amount);
            }
            else
            {
                allowances += adjustment.Amount;
                AddToBase(adjustment.VatRate, -adjustment.Amount);
            }
        }

        var totals = invoice.Totals;
        Total(ArithmeticFields.LineTotal, lineTotal, totals.LineTotal);
        Total(ArithmeticFields.AllowanceTotal, allowances, totals.AllowanceTotal);
        Total(ArithmeticFields.ChargeTotal, charges, totals.ChargeTotal);
        Total(ArithmeticFields.TaxExclusive, totals.LineTotal - totals.AllowanceTotal + totals.ChargeTotal, totals.TaxExclusive);

        var stated = new SortedDictionary<decimal, (decimal Base, decimal Tax)>();
        foreach (var breakdown in invoice.Vat)
        {
            var (taxBase, tax) = stated.GetValueOrDefault(breakdown.Rate);
            stated[breakdown.Rate] = (taxBase + breakdown.TaxableAmount, tax + breakdown.TaxAmount);
        }

        foreach (var rate in bases.Keys.Union(stated.Keys).Order())
        {
            var expectedBase = bases.GetValueOrDefault(rate);
            var (statedBase, statedTax) = stated.GetValueOrDefault(rate);
            if (expectedBase != statedBase)
            {
                var gap = Math.Abs(expectedBase - statedBase);
                found.Add(Difference(
                    DiscrepancyCodes.Arithmetic, null, expectedBase, statedBase, gap, expectedBase, tolerance,
                    InvoiceControlMessages.VatBase(rate, expectedBase, statedBase)) with { Field = ArithmeticFields.VatBase });
            }

            var expectedTax = Cents(statedBase * rate / 100m);
            if (expectedTax != statedTax)
            {
                var gap = Math.Abs(expectedTax - statedTax);
                found.Add(Difference(
                    DiscrepancyCodes.Arithmetic, null, expectedTax, statedTax, gap, expectedTax, tolerance,
                    InvoiceControlMessages.VatAmount(rate, statedBase, expectedTax, statedTax)) with { Field = ArithmeticFields.VatAmount });
            }
        }

        Total(ArithmeticFields.TaxTotal, stated.Values.Sum(vat => vat.Tax), totals.TaxTotal);
        Total(ArithmeticFields.TaxInclusive, totals.TaxExclusive + totals.TaxTotal, totals.TaxInclusive);

        // No prepaid amount or rounding is carried: what is due is the total with VAT.
        Total(ArithmeticFields.Payable, totals.TaxInclusive, totals.Payable);

        void Total(string field, decimal expected, decimal actual)
        {
            if (expected != actual)
            {
                var gap = Math.Abs(expected - actual);
                found.Add(Difference(DiscrepancyCodes.Arithmetic, null, expected, actual, gap, expected, tolerance, InvoiceControlMessages.Total(field, expected, actual))
                    with { Field = field });
            }
        }
    }

    // 2. Duplicates.

    private static void CheckDuplicates(InvoiceDocument invoice, InvoicePeriod? period, ControlContext context, List<Discrepancy> found)
    {
        var atStake = Math.Abs(invoice.Totals.TaxExclusive);
        var number = invoice.Number.Trim();
        foreach (var other in context.OtherInvoices)
        {
            if (other.Id == context.InvoiceId || context.ClearedDuplicates.Contains(other.Id))
            {
                continue;
            }

            // The number first: comparing it is cheap, and it rarely matches.
            if (string.Equals(number, other.Number.Trim(), StringComparison.OrdinalIgnoreCase) && SameSeller(invoice.Seller, other.Seller))
            {
                found.Add(new Discrepancy(DiscrepancyCodes.Duplicate, null, null, null, atStake, true, InvoiceControlMessages.DuplicateNumber(invoice.Number, other))
                {
                    DuplicateOf = other.Id,
                });
            }
            else if (other.Kind == invoice.Kind && other.ContractId == context.Contract.Id && period is not null && other.Period == period
                     && other.TaxExclusiveTotal == invoice.Totals.TaxExclusive)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Duplicate, null, null, null, atStake, true, InvoiceControlMessages.DuplicateContractPeriodTotal(period, invoice.Totals.TaxExclusive, other))
                {
                    DuplicateOf = other.Id,
                });
            }
        }
    }

    /// <summary>
    /// One seller: the same legal identifier when both give one (a SIRET is its SIREN followed by five digits), else the
    /// same VAT number when both give one, else the same name; each compared ignoring case, accents and spaces.
    /// </summary>
    public static bool SameSeller(InvoiceParty one, InvoiceParty other)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(other);
        if (!string.IsNullOrWhiteSpace(one.LegalId) && !string.IsNullOrWhiteSpace(other.LegalId))
        {
            var (a, b) = (Labels.Key(one.LegalId), Labels.Key(other.LegalId));
            return a == b || (a.Length == 9 && b.Length == 14 && b.StartsWith(a, StringComparison.Ordinal))
                || (b.Length == 9 && a.Length == 14 && a.StartsWith(b, StringComparison.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(one.VatNumber) && !string.IsNullOrWhiteSpace(other.VatNumber))
        {
            return Labels.Key(one.VatNumber) == Labels.Key(other.VatNumber);
        }

        return Labels.Key(one.Name) == Labels.Key(other.Name);
    }

    // 3. Period: every day billed lies within the contract's life.

    private static void CheckPeriods(
        InvoiceDocument invoice, Recognised[] lines, InvoicePeriod? period, ContractLife contract, bool requirePeriod, List<Discrepancy> found)
    {
        if (period is null)
        {
            if (requirePeriod)
            {
                found.Add(new Discrepancy(DiscrepancyCodes.Period, null, null, null, 0m, true, InvoiceControlMessages.PeriodMissing));
            }

            return;
        }

        if (invoice.Period is { } documentPeriod)
        {
            var covered = 0m;
            foreach (var (line, _, _, _) in lines)
            {
                if (line.Period is null)
                {
                    covered += line.NetAmount;
                }
            }

            CheckPeriod(null, documentPeriod, covered, contract, found);
        }

        foreach (var (line, _, _, _) in lines)
        {
            if (line.Period is { } own)
            {
                CheckPeriod(line.Position, own, line.NetAmount, contract, found);
            }
        }
    }

    /// <summary>
    /// Days of <paramref name="period"/> before the contract's start or after its last billable day; what is at stake is the
    /// amount the period covers, prorated by those days.
    /// </summary>
    private static void CheckPeriod(int? line, InvoicePeriod period, decimal covered, ContractLife contract, List<Discrepancy> found)
    {
        var amount = Math.Abs(covered);
        if (period.End < period.Start)
        {
            found.Add(new Discrepancy(DiscrepancyCodes.Period, line, null, null, amount, true, InvoiceControlMessages.PeriodReversed(line, period)));
            return;
        }

        var days = (decimal)BillingCalendar.Days(period);
        if (period.Start < contract.Start)
        {
            var before = BillingCalendar.Days(period.Start, period.End < contract.Start ? period.End : contract.Start.AddDays(-1));
            found.Add(new Discrepancy(
                DiscrepancyCodes.Period, line, null, null, Cents(amount * before / days), true,
                InvoiceControlMessages.PeriodBeforeStart(line, period, contract.Start, before)));
        }

        var last = contract.LastBillableDay;
        if (period.End > last)
        {
            var after = BillingCalendar.Days(period.Start > last ? period.Start : last.AddDays(1), period.End);
            found.Add(new Discrepancy(
                DiscrepancyCodes.Period, line, null, null, Cents(amount * after / days), true,
                InvoiceControlMessages.PeriodAfterEnd(line, period, contract, after)));
        }
    }

    // 4. Fixed fee: the monthly fee lines of each period against the revised fee, prorated by calendar days.

    private static void CheckFixedFee(
        InvoiceDocument invoice, Recognised[] lines, PriceBook prices, ControlTolerance tolerance, List<Discrepancy> found)
    {
        if (prices.IsEmpty)
        {
            return;
        }

        // Lines billing the same period are compared together (a fee split in two lines, or with a discount line).
        var groups = new List<(InvoicePeriod Period, int FirstLine, decimal Billed)>();
        foreach (var (line, kind, _, _) in lines)
        {
            if (kind != InvoiceLineKinds.MonthlyFee || (line.Period ?? invoice.Period) is not { } period || period.End < period.Start)
            {
                continue;
            }

            var index = groups.FindIndex(group => group.Period == period);
            if (index < 0)
            {
                groups.Add((period, line.Position, line.NetAmount));
            }
            else
            {
                groups[index] = groups[index] with { Billed = groups[index].Billed + line.NetAmount };
            }
        }

        foreach (var (period, firstLine, billed) in groups)
        {
            var expected = BillingCalendar.ProratedMonthlyFee(period, prices);
            if (expected != billed)
            {
                found.Add(Difference(
                    DiscrepancyCodes.FixedFee, firstLine, expected, billed, Math.Abs(expected - billed), expected, tolerance,
                    InvoiceControlMessages.FixedFee(period, expected, billed)));
            }
        }
    }

    // 5. Work units: each line's unit price against the revised price, then each month's quantities against the inventory.

    private static void CheckWorkUnits(
        InvoiceDocument invoice, Recognised[] lines, InvoicePeriod? period, PriceBook prices, ControlContext context, List<Discrepancy> found)
    {
        var typeByCode = context.InventoryTypeByWorkUnit.Count == 0
            ? null
            : context.InventoryTypeByWorkUnit.GroupBy(entry => Labels.Key(entry.Key), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);

        // Recognition gives the schedule's own spelling of each code: a few distinct codes, keyed once each.
        var counted = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool CountedOnInventory(string code)
        {
            if (!counted.TryGetValue(code, out var isCounted))
            {
                counted[code] = isCounted = typeByCode!.ContainsKey(Labels.Key(code));
            }

            return isCounted;
        }

        var volumes = new Dictionary<(string Month, string Code), List<(InvoiceLine Line, decimal Price)>>();
        var order = new List<(string Month, string Code)>();
        foreach (var (line, kind, code, _) in lines)
        {
            if (kind != InvoiceLineKinds.WorkUnit)
            {
                continue;
            }

            var on = line.Period?.Start ?? period?.Start ?? invoice.IssueDate;
            if (code is null || prices.WorkUnitOn(code, on) is not { } price)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.UnitPrice, line.Position, null, line.UnitPrice, Math.Abs(line.NetAmount), true,
                    InvoiceControlMessages.WorkUnitUnknown(line.Position, code ?? line.ItemCode)));
                continue;
            }

            if (line.UnitPrice != price.UnitPrice)
            {
                var atStake = Cents(Math.Abs((line.UnitPrice - price.UnitPrice) * line.Quantity));
                found.Add(Difference(
                    DiscrepancyCodes.UnitPrice, line.Position, price.UnitPrice, line.UnitPrice, atStake, Cents(Math.Abs(price.UnitPrice * line.Quantity)),
                    context.Tolerance, InvoiceControlMessages.UnitPrice(line.Position, code, on, price.UnitPrice, line.UnitPrice, line.Quantity)));
            }

            if (typeByCode is not null && CountedOnInventory(code))
            {
                var key = (BillingCalendar.MonthOf(on), code);
                if (!volumes.TryGetValue(key, out var billed))
                {
                    volumes[key] = billed = [];
                    order.Add(key);
                }

                billed.Add((line, price.UnitPrice));
            }
        }

        if (order.Count == 0)
        {
            return;
        }

        var inventory = context.InventoryByType.GroupBy(entry => Labels.Key(entry.Key), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(entry => entry.Value), StringComparer.Ordinal);
        var approved = new Dictionary<(string Month, string Code), decimal>();
        var months = order.Select(key => key.Month).ToHashSet(StringComparer.Ordinal);
        foreach (var units in context.ApprovedWorkUnits)
        {
            if (!months.Contains(units.Month))
            {
                continue;
            }

            var key = (units.Month, Labels.Key(units.Code));
            approved[key] = approved.GetValueOrDefault(key) + units.Quantity;
        }

        foreach (var (month, code) in order)
        {
            var codeKey = Labels.Key(code);
            var type = typeByCode![codeKey];
            var volume = inventory.GetValueOrDefault(Labels.Key(type));
            var cumulative = approved.GetValueOrDefault((month, codeKey));
            var excess = 0m;
            var atStake = 0m;
            int? firstOver = null;
            foreach (var (line, price) in volumes[(month, code)])
            {
                cumulative += line.Quantity;
                var over = Math.Max(0m, Math.Min(line.Quantity, cumulative - volume));
                if (over > 0)
                {
                    excess += over;
                    atStake += over * price;
                    firstOver ??= line.Position;
                }
            }

            if (excess > 0)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Volume, firstOver, volume, cumulative, Cents(atStake), true,
                    InvoiceControlMessages.Volume(code, month, type, volume, cumulative, excess)));
            }
        }
    }

    // 6. Evolutions: validated before they are billed, and never billed beyond their quote.

    private static void CheckEvolutions(InvoiceDocument invoice, Recognised[] lines, List<Discrepancy> found)
    {
        var billable = new Dictionary<Guid, List<InvoiceLine>>();
        var order = new List<ContractEvolution>();
        foreach (var (line, kind, _, named) in lines)
        {
            if (kind != InvoiceLineKinds.Evolution)
            {
                continue;
            }

            var atStake = Math.Abs(line.NetAmount);
            if (named is not { } evolution)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Evolution, line.Position, null, line.NetAmount, atStake, true,
                    InvoiceControlMessages.EvolutionUnknown(line.Position, line.EvolutionReference ?? line.ItemCode)));
            }
            else if (!EvolutionStates.ValidatedOrLater.Contains(evolution.State))
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Evolution, line.Position, null, line.NetAmount, atStake, true, InvoiceControlMessages.EvolutionNotValidated(line.Position, evolution)));
            }
            else if (evolution.ValidatedOn is { } validatedOn && invoice.IssueDate < validatedOn)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Evolution, line.Position, null, line.NetAmount, atStake, true,
                    InvoiceControlMessages.EvolutionBeforeValidation(line.Position, evolution, invoice.IssueDate, validatedOn)));
            }
            else
            {
                if (!billable.TryGetValue(evolution.Id, out var billed))
                {
                    billable[evolution.Id] = billed = [];
                    order.Add(evolution);
                }

                billed.Add(line);
            }
        }

        foreach (var evolution in order)
        {
            if (evolution.QuoteAmount is not { } quote)
            {
                continue;
            }

            var cumulative = evolution.BilledElsewhere;
            var excess = 0m;
            int? firstOver = null;
            foreach (var line in billable[evolution.Id])
            {
                cumulative += line.NetAmount;
                var over = Math.Max(0m, Math.Min(line.NetAmount, cumulative - quote));
                if (over > 0)
                {
                    excess += over;
                    firstOver ??= line.Position;
                }
            }

            if (excess > 0)
            {
                found.Add(new Discrepancy(
                    DiscrepancyCodes.Evolution, firstOver, quote, cumulative, excess, true, InvoiceControlMessages.EvolutionOverQuote(evolution, quote, cumulative, excess)));
            }
        }
    }

    // 7. Penalty credits: each issued statement of the period credited, on this invoice or on credit notes referring to it.

    private static void CheckPenaltyCredits(Recognised[] lines, InvoicePeriod? period, ControlContext context, List<Discrepancy> found)
    {
        var statements = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var statement in context.PenaltyStatements)
        {
            statements[statement.Month] = statement.TotalDue;
        }

        var months = new SortedSet<string>(StringComparer.Ordinal);
        if (period is not null && period.End >= period.Start)
        {
            foreach (var month in BillingCalendar.MonthsOf(period))
            {
                months.Add(BillingCalendar.MonthOf(month.Start));
            }
        }

        // A credit line or credit note that names its month is matched with that month's statement; when one does not,
        // the credits are compared with the statements in total.
        var credits = new List<(string? Month, decimal Amount, int? Line)>();
        foreach (var (line, kind, _, _) in lines)
        {
            if (kind == InvoiceLineKinds.PenaltyCredit)
            {
                credits.Add((line.Period is { } own ? BillingCalendar.MonthOf(own.Start) : null, -line.NetAmount, line.Position));
            }
        }

        foreach (var note in context.PenaltyCreditNotes)
        {
            credits.Add((note.Month, note.PenaltyAmount, null));
        }

        foreach (var credit in credits)
        {
            if (credit.Month is { } month)
            {
                months.Add(month);
            }
        }

        if (credits.TrueForAll(credit => credit.Month is not null))
        {
            foreach (var month in months)
            {
                var expected = statements.GetValueOrDefault(month);
                var credited = 0m;
                int? firstLine = null;
                foreach (var credit in credits)
                {
                    if (credit.Month == month)
                    {
                        credited += credit.Amount;
                        firstLine ??= credit.Line;
                    }
                }

                Compare([month], expected, credited, firstLine);
            }
        }
        else
        {
            var expected = months.Sum(month => statements.GetValueOrDefault(month));
            var named = months.Where(month => statements.GetValueOrDefault(month) != 0).ToArray();
            Compare(named.Length > 0 ? named : [.. months], expected, credits.Sum(credit => credit.Amount), credits.Find(credit => credit.Line is not null).Line);
        }

        void Compare(IReadOnlyList<string> named, decimal expected, decimal credited, int? firstLine)
        {
            if (expected == credited)
            {
                return;
            }

            var message = credited == 0
                ? InvoiceControlMessages.PenaltyCreditMissing(named, expected)
                : InvoiceControlMessages.PenaltyCreditDifferent(named, expected, credited);
            found.Add(new Discrepancy(DiscrepancyCodes.PenaltyCredit, credited == 0 ? null : firstLine, expected, credited, Math.Abs(expected - credited), true, message));
        }
    }
}
