using Infogerance.Invoicing.Domain;
using Infogerance.Validation;
using static Infogerance.Invoicing.Tests.Invoices;

namespace Infogerance.Invoicing.Tests;

/// <summary>What the invoices' endpoints decide without I/O: discrepancy keys, a form entry read into a document, a credit note's month.</summary>
public class InvoiceWorkflowTests
{
    private static readonly Message Said = new("test", "said", "dit");

    private static Discrepancy Found(string code, int? line) => new(code, line, null, null, 1m, true, Said);

    [Fact]
    public void Keys_count_within_the_same_code_and_line_from_one()
    {
        var result = new ControlResult(
            [Found(DiscrepancyCodes.Arithmetic, 2), Found(DiscrepancyCodes.Arithmetic, null), Found(DiscrepancyCodes.Arithmetic, null),
             Found(DiscrepancyCodes.UnitPrice, 2), Found(DiscrepancyCodes.Arithmetic, 2)],
            []);

        Assert.Equal(
            ["arithmetic:2:1", "arithmetic:invoice:1", "arithmetic:invoice:2", "unitPrice:2:1", "arithmetic:2:2"],
            DiscrepancyKeys.Of(result).Select(keyed => keyed.Key));
    }

    [Fact]
    public void The_same_invoice_controlled_twice_gets_the_same_keys()
    {
        var invoice = Invoice([Fee(amount: 13_000m), Dev(2, 3m, price: 700m)], November2026);
        var once = DiscrepancyKeys.Of(InvoiceControl.Check(invoice, Context())).Select(k => k.Key);
        var twice = DiscrepancyKeys.Of(InvoiceControl.Check(invoice, Context())).Select(k => k.Key);

        Assert.Equal(["fixedFee:1:1", "unitPrice:2:1"], once);
        Assert.Equal(once, twice);
    }

    private static InvoiceForm Form(params InvoiceFormLine?[] lines) => new(
        "F-1", Day("2026-11-30"), InvoiceKinds.Invoice, null, Day("2026-11-01"), Day("2026-11-30"), null, lines);

    private static InvoiceFormLine FormLine(decimal? quantity = 1m, decimal? unitPrice = 13_200m, decimal? net = null, decimal? vatRate = 20m) =>
        new("Redevance mensuelle", null, null, null, quantity, unitPrice, net, vatRate, null, null);

    [Fact]
    public void A_form_entry_gets_its_nets_vat_and_totals_computed()
    {
        var (invoice, errors) = InvoiceForms.Read(
            Form(FormLine(), FormLine(quantity: 3m, unitPrice: 650.005m), FormLine(quantity: 1m, unitPrice: 100m, vatRate: 5.5m)),
            Antares, Acme, "ACME-INFOG-01");

        Assert.True(errors.IsEmpty);
        Assert.Equal([13_200m, 1_950.02m, 100m], invoice!.Lines.Select(line => line.NetAmount));
        Assert.Equal([(5.5m, 100m, 5.50m), (20m, 15_150.02m, 3_030.00m)], invoice.Vat.Select(v => (v.Rate, v.TaxableAmount, v.TaxAmount)));
        Assert.Equal((15_250.02m, 3_035.50m, 18_285.52m), (invoice.Totals.TaxExclusive, invoice.Totals.TaxTotal, invoice.Totals.Payable));
        Assert.Equal("EUR", invoice.Currency);
        Assert.Equal("ACME-INFOG-01", invoice.ContractReference);
        Assert.True(InvoiceControl.Check(invoice, Context()).Discrepancies.All(d => d.Code != DiscrepancyCodes.Arithmetic));
    }

    [Fact]
    public void A_form_entry_names_each_wrong_field_by_its_path()
    {
        var form = Form(FormLine(quantity: null), null, FormLine(vatRate: 120m)) with { Kind = "bill", PeriodEnd = Day("2026-10-31"), Currency = "euro" };

        var (invoice, errors) = InvoiceForms.Read(form, Antares, Acme, "ACME-INFOG-01");

        Assert.Null(invoice);
        Assert.Equal(["kind", "periodEnd", "currency", "lines[0].quantity", "lines[1]", "lines[2].vatRate"], errors.Fields);
    }

    [Fact]
    public void A_form_entry_needs_lines_and_refuses_numbers_beyond_the_readers_limit()
    {
        Assert.Equal(["lines"], InvoiceForms.Read(Form(), Antares, Acme, "R").Errors.Fields);
        Assert.Equal(["lines[0].unitPrice"], InvoiceForms.Read(Form(FormLine(unitPrice: 2_000_000_000_000_000m)), Antares, Acme, "R").Errors.Fields);
        Assert.Equal(["lines[0].netAmount"], InvoiceForms.Read(Form(FormLine(quantity: 1_000_000m, unitPrice: 1_000_000_000_000m)), Antares, Acme, "R").Errors.Fields);
    }

    [Fact]
    public void A_credit_note_credits_a_month_only_when_its_period_lies_within_one()
    {
        Assert.Equal("2026-11", CreditNotes.MonthOf(November2026));
        Assert.Null(CreditNotes.MonthOf(Period("2026-11-15", "2026-12-14")));
        Assert.Null(CreditNotes.MonthOf(null));
    }
}
