using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>A line of an invoice entered in the form; <see cref="NetAmount"/> defaults to quantity × unit price.</summary>
public sealed record InvoiceFormLine(
    string? Description, string? Kind, string? ItemCode, string? EvolutionReference, decimal? Quantity, decimal? UnitPrice,
    decimal? NetAmount, decimal? VatRate, DateOnly? PeriodStart, DateOnly? PeriodEnd);

/// <summary>An invoice or credit note entered in the form rather than uploaded: its totals are computed.</summary>
public sealed record InvoiceForm(
    string? Number, DateOnly? IssueDate, string? Kind, string? PrecedingInvoice, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    string? Currency, IReadOnlyList<InvoiceFormLine?>? Lines);

/// <summary>Checks a form entry field by field (each error named by its JSON path) and makes it the document the control reads.</summary>
public static class InvoiceForms
{
    public static (InvoiceDocument? Invoice, FieldErrors Errors) Read(InvoiceForm form, InvoiceParty seller, InvoiceParty buyer, string contractReference)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new FieldErrors();
        Text(form.Number, "number", InvoiceMessages.MaxNumberLength, errors);
        if (form.IssueDate is null)
        {
            errors.Add("issueDate", InvoiceMessages.Required);
        }

        if (form.Kind is not (InvoiceKinds.Invoice or InvoiceKinds.CreditNote))
        {
            errors.Add("kind", form.Kind is null ? InvoiceMessages.Required : InvoiceMessages.KindUnknown);
        }

        if (form.PrecedingInvoice is { Length: > InvoiceMessages.MaxNumberLength })
        {
            errors.Add("precedingInvoice", InvoiceMessages.TooLong(InvoiceMessages.MaxNumberLength));
        }

        if (form.PeriodStart is null)
        {
            errors.Add("periodStart", InvoiceMessages.Required);
        }

        if (form.PeriodEnd is null)
        {
            errors.Add("periodEnd", InvoiceMessages.Required);
        }
        else if (form.PeriodStart is { } start && form.PeriodEnd < start)
        {
            errors.Add("periodEnd", InvoiceMessages.PeriodReversed);
        }

        var currency = string.IsNullOrWhiteSpace(form.Currency) ? "EUR" : form.Currency.Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", InvoiceMessages.CurrencyInvalid);
        }

        var lines = new List<InvoiceLine>();
        if (form.Lines is not { Count: > 0 and <= InvoiceMessages.MaxLines } given)
        {
            errors.Add("lines", InvoiceMessages.NoLines);
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                if (Line(given[i], $"lines[{i}]", i + 1, errors) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var lineTotal = lines.Sum(line => line.NetAmount);
        var vat = lines.GroupBy(line => line.VatRate!.Value).OrderBy(group => group.Key)
            .Select(group =>
            {
                var taxBase = group.Sum(line => line.NetAmount);
                return new VatBreakdown(group.Key, taxBase, PenaltyStatement.Cents(taxBase * group.Key / 100m));
            })
            .ToList();
        var tax = vat.Sum(breakdown => breakdown.TaxAmount);
        var invoice = new InvoiceDocument(
            form.Number!.Trim(), form.IssueDate!.Value, form.Kind!, currency, seller, buyer, contractReference,
            string.IsNullOrWhiteSpace(form.PrecedingInvoice) ? null : form.PrecedingInvoice.Trim(),
            new InvoicePeriod(form.PeriodStart!.Value, form.PeriodEnd!.Value), lines, [], vat,
            new InvoiceTotals(lineTotal, 0m, 0m, lineTotal, tax, lineTotal + tax, lineTotal + tax));
        return (invoice, errors);
    }

    private static InvoiceLine? Line(InvoiceFormLine? line, string path, int position, FieldErrors errors)
    {
        if (line is null)
        {
            errors.Add(path, InvoiceMessages.Required);
            return null;
        }

        var before = errors.MessageCount;
        Text(line.Description, $"{path}.description", InvoiceMessages.MaxDescriptionLength, errors);
        if (line.Kind is not null && !InvoiceLineKinds.All.Contains(line.Kind))
        {
            errors.Add($"{path}.kind", InvoiceMessages.LineKindUnknown);
        }

        if (line.ItemCode is { Length: > InvoiceMessages.MaxNumberLength })
        {
            errors.Add($"{path}.itemCode", InvoiceMessages.TooLong(InvoiceMessages.MaxNumberLength));
        }

        if (line.EvolutionReference is { Length: > InvoiceMessages.MaxNumberLength })
        {
            errors.Add($"{path}.evolutionReference", InvoiceMessages.TooLong(InvoiceMessages.MaxNumberLength));
        }

        Number(line.Quantity, $"{path}.quantity", errors);
        Number(line.UnitPrice, $"{path}.unitPrice", errors);
        if (line.NetAmount is not null)
        {
            Number(line.NetAmount, $"{path}.netAmount", errors);
        }

        if (line.VatRate is null)
        {
            errors.Add($"{path}.vatRate", InvoiceMessages.Required);
        }
        else if (line.VatRate is < 0 or > 100)
        {
            errors.Add($"{path}.vatRate", InvoiceMessages.VatRateOutOfRange);
        }

        if (line.PeriodStart is null != line.PeriodEnd is null)
        {
            errors.Add($"{path}.{(line.PeriodStart is null ? "periodStart" : "periodEnd")}", InvoiceMessages.PeriodHalf);
        }
        else if (line.PeriodStart is { } start && line.PeriodEnd < start)
        {
            errors.Add($"{path}.periodEnd", InvoiceMessages.PeriodReversed);
        }

        if (errors.MessageCount > before)
        {
            return null;
        }

        var quantity = line.Quantity!.Value;
        var unitPrice = line.UnitPrice!.Value;
        var net = line.NetAmount ?? PenaltyStatement.Cents(quantity * unitPrice);
        if (Math.Abs(net) > InvoiceReaders.MaxNumber)
        {
            errors.Add($"{path}.netAmount", InvoiceMessages.NumberOutOfRange);
            return null;
        }

        return new InvoiceLine(
            position, line.Description!.Trim(), quantity, unitPrice, net, line.VatRate,
            Period: line.PeriodStart is { } first ? new InvoicePeriod(first, line.PeriodEnd!.Value) : null,
            ItemCode: string.IsNullOrWhiteSpace(line.ItemCode) ? null : line.ItemCode.Trim(), Kind: line.Kind,
            EvolutionReference: string.IsNullOrWhiteSpace(line.EvolutionReference) ? null : line.EvolutionReference.Trim());
    }

    private static void Text(string? value, string field, int max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, InvoiceMessages.Required);
        }
        else if (value.Length > max)
        {
            errors.Add(field, InvoiceMessages.TooLong(max));
        }
    }

    private static void Number(decimal? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, InvoiceMessages.Required);
        }
        else if (Math.Abs(value.Value) > InvoiceReaders.MaxNumber)
        {
            errors.Add(field, InvoiceMessages.NumberOutOfRange);
        }
    }
}
