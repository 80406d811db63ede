using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.Invoices;

namespace Infogerance.Invoicing.Tests;

/// <summary>Each rule of the invoice control on figures worked out by hand.</summary>
public class InvoiceControlTests
{
    private static ControlResult Check(InvoiceDocument invoice, ControlContext? context = null) => InvoiceControl.Check(invoice, context ?? Context());

    private static void AssertCompliant(ControlResult result)
    {
        Assert.True(result.Compliant, Describe(result));
        Assert.Equal(0m, result.TotalAtStake);
    }

    // A realistic invoice.

    /// <summary>
    /// ACME-INFOG-01, November 2026: the fee (13,200.00), UO-DEV 3 × 650.00 (1,950.00), November's issued penalties
    /// credited (−500.00); 14,650.00 € without VAT, 20 % VAT 2,930.00 €, 17,580.00 € due.
    /// </summary>
    [Fact]
    public void The_realistic_acme_invoice_is_compliant()
    {
        var invoice = AcmeNovember();
        Assert.Equal((14_650m, 2_930m, 17_580m), (invoice.Totals.TaxExclusive, invoice.Totals.TaxTotal, invoice.Totals.Payable));

        var result = InvoiceControl.Check(invoice, AcmeNovemberContext());

        AssertCompliant(result);
        Assert.Empty(result.Discrepancies);
    }

    // 1. Arithmetic.

    [Fact]
    public void A_line_whose_net_is_not_quantity_times_unit_price_is_an_arithmetic_discrepancy_of_the_difference()
    {
        var result = InvoiceControl.Check(Invoice([Fee(1), Dev(2, 3m) with { NetAmount = 1_960m }, Penalty(3, 500m)]), AcmeNovemberContext());

        var found = Single(result, DiscrepancyCodes.Arithmetic);
        Assert.Equal((2, 1_950m, 1_960m, 10m, true, ArithmeticFields.LineNet), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking, found.Field));
        Assert.Equal("Line 2: quantity × unit price − allowances + charges (3 × 650.00 €) is 1,950.00 €; billed 1,960.00 €.", found.Message.English);
        Assert.Single(result.Discrepancies);
        Assert.Equal(10m, result.TotalAtStake);
    }

    [Fact]
    public void A_line_s_net_is_rounded_to_the_cent_half_away_from_zero()
    {
        // 3 × 33.335 = 100.005: 100.01, not the banker's 100.00.
        AssertCompliant(Check(Invoice([Line(1, "Prestations diverses", 3m, 33.335m)])));

        var found = Single(Check(Invoice([Line(1, "Prestations diverses", 3m, 33.335m) with { NetAmount = 100.00m }])), DiscrepancyCodes.Arithmetic);
        Assert.Equal((100.01m, 100.00m, 0.01m), (found.Expected, found.Actual, found.AmountAtStake));
    }

    [Fact]
    public void A_line_s_allowances_and_charges_count_in_its_net()
    {
        var line = new InvoiceLine(1, "Prestations diverses", 10m, 100m, 950m, 20m, AllowanceAmount: 80m, ChargeAmount: 30m);

        AssertCompliant(Check(Invoice([line])));
        Assert.Equal(950m, Single(Check(Invoice([line with { NetAmount = 1_000m }])), DiscrepancyCodes.Arithmetic).Expected);
    }

    [Fact]
    public void The_document_s_allowances_and_charges_count_in_the_total_without_vat_and_the_vat_base()
    {
        InvoiceAllowanceCharge[] adjustments = [new(false, 100m, "Remise commerciale", 20m), new(true, 50m, "Frais de dossier", 20m)];
        var invoice = Invoice([Line(1, "Prestations diverses", 1m, 1_000m)], adjustments: adjustments);
        Assert.Equal((1_000m, 100m, 50m, 950m, 190m), (invoice.Totals.LineTotal, invoice.Totals.AllowanceTotal, invoice.Totals.ChargeTotal, invoice.Totals.TaxExclusive, invoice.Totals.TaxTotal));

        AssertCompliant(Check(invoice));
    }

    [Fact]
    public void A_total_that_does_not_add_up_is_said_once_each_figure_being_checked_against_the_stated_ones_it_comes_from()
    {
        // The provider mis-added the total without VAT, and carried the error on: only that sum is wrong.
        var invoice = Invoice(
            [Fee(1), Dev(2, 3m), Penalty(3, 500m)],
            totals: t => t with { TaxExclusive = t.TaxExclusive + 100m, TaxInclusive = t.TaxInclusive + 100m, Payable = t.Payable + 100m });

        var result = InvoiceControl.Check(invoice, AcmeNovemberContext());

        var found = Single(result, DiscrepancyCodes.Arithmetic);
        Assert.Equal((null, 14_650m, 14_750m, 100m, ArithmeticFields.TaxExclusive), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Field));
        Assert.Equal("The total without VAT (lines − allowances + charges) is 14,650.00 €; stated 14,750.00 €.", found.Message.English);
    }

    [Theory]
    [InlineData(ArithmeticFields.LineTotal)]
    [InlineData(ArithmeticFields.TaxTotal)]
    [InlineData(ArithmeticFields.TaxInclusive)]
    [InlineData(ArithmeticFields.Payable)]
    public void Each_stated_total_is_checked(string field)
    {
        var invoice = Invoice(
            [Fee(1), Dev(2, 3m), Penalty(3, 500m)],
            totals: t => field switch
            {
                ArithmeticFields.LineTotal => t with { LineTotal = t.LineTotal + 1m },
                ArithmeticFields.TaxTotal => t with { TaxTotal = t.TaxTotal + 1m },
                ArithmeticFields.TaxInclusive => t with { TaxInclusive = t.TaxInclusive + 1m },
                _ => t with { Payable = t.Payable + 1m },
            });

        var result = InvoiceControl.Check(invoice, AcmeNovemberContext());

        // A wrong line total also makes the total without VAT, computed from it, disagree.
        var found = result.Discrepancies.First(d => d.Field == field);
        Assert.Equal(1m, found.AmountAtStake);
        Assert.True(found.Blocking);
    }

    [Fact]
    public void Vat_is_checked_rate_by_rate_with_two_rates()
    {
        // 13,200.00 at 20 % (2,640.00) and 2,000.00 of books at 5.5 % (110.00): 2,750.00 of VAT, 17,950.00 due.
        InvoiceLine[] lines = [Fee(1), Line(2, "Documentation technique imprimée", 2m, 1_000m, vatRate: 5.5m)];
        var invoice = Invoice(lines);
        Assert.Equal([(5.5m, 2_000m, 110m), (20m, 13_200m, 2_640m)], invoice.Vat.Select(v => (v.Rate, v.TaxableAmount, v.TaxAmount)));
        Assert.Equal(17_950m, invoice.Totals.Payable);
        AssertCompliant(Check(invoice));

        // The 5.5 % tax one cent too high, the totals carried on from it: only that rate's tax is wrong.
        var wrongTax = Invoice(
            lines,
            vat: vat => [.. vat.Select(v => v.Rate == 5.5m ? v with { TaxAmount = 110.01m } : v)],
            totals: t => t with { TaxTotal = t.TaxTotal + 0.01m, TaxInclusive = t.TaxInclusive + 0.01m, Payable = t.Payable + 0.01m });
        var found = Single(Check(wrongTax), DiscrepancyCodes.Arithmetic);
        Assert.Equal((ArithmeticFields.VatAmount, 110m, 110.01m, 0.01m), (found.Field, found.Expected, found.Actual, found.AmountAtStake));
        Assert.Equal("VAT at 5.5 % of 2,000.00 € is 110.00 €; stated 110.01 €.", found.Message.English);

        // A base understated at one rate, its tax right for the stated base: that base is wrong.
        var wrongBase = Invoice(lines, vat: vat => [.. vat.Select(v => v.Rate == 5.5m ? v with { TaxableAmount = 1_000m, TaxAmount = 55m } : v)]);
        var bases = Check(wrongBase).Discrepancies.Where(d => d.Field == ArithmeticFields.VatBase).ToArray();
        Assert.Equal([(2_000m, 1_000m)], bases.Select(d => (d.Expected!.Value, d.Actual!.Value)));
    }

    [Fact]
    public void A_rate_billed_on_the_lines_but_missing_from_the_breakdown_is_a_vat_base_discrepancy()
    {
        var invoice = Invoice([Fee(1), Line(2, "Documentation technique imprimée", 2m, 1_000m, vatRate: 5.5m)], vat: vat => [.. vat.Where(v => v.Rate != 5.5m)]);

        var found = Check(invoice).Discrepancies.Single(d => d.Field == ArithmeticFields.VatBase);

        Assert.Equal((2_000m, 0m), (found.Expected, found.Actual));
    }

    [Fact]
    public void Vat_is_rounded_to_the_cent_half_away_from_zero_and_rates_compare_by_value()
    {
        // 7.00 × 5.5 % = 0.385: 0.39, not the banker's 0.38. The breakdown writes the rate 5.50, the line 5.5.
        var invoice = Invoice([Line(1, "Documentation", 1m, 7m, vatRate: 5.5m)], vat: vat => [.. vat.Select(v => v with { Rate = 5.50m })]);
        Assert.Equal(0.39m, invoice.Vat[0].TaxAmount);
        AssertCompliant(Check(invoice));

        var banker = invoice with
        {
            Vat = [invoice.Vat[0] with { TaxAmount = 0.38m }],
            Totals = invoice.Totals with { TaxTotal = 0.38m, TaxInclusive = 7.38m, Payable = 7.38m },
        };
        var found = Single(Check(banker), DiscrepancyCodes.Arithmetic);
        Assert.Equal((ArithmeticFields.VatAmount, 0.39m, 0.38m), (found.Field, found.Expected, found.Actual));
    }

    [Fact]
    public void A_line_without_a_rate_is_taxed_at_the_document_s_only_rate()
    {
        var invoice = Invoice([Fee(1)]);

        AssertCompliant(Check(invoice with { Lines = [invoice.Lines[0] with { VatRate = null }] }));
    }

    // 2. Duplicates.

    private static KnownInvoice Known(
        string number = "FA-2026-0041", InvoiceParty? seller = null, InvoicePeriod? period = null, decimal total = 14_650m, string kind = InvoiceKinds.Invoice, Guid? id = null) =>
        new(id ?? Guid.Parse("01930000-0000-7000-8000-00000000f041"), number, seller ?? Antares, AcmeContract, period ?? Period("2026-10-01", "2026-10-31"), total, kind);

    [Fact]
    public void The_same_seller_and_number_is_a_duplicate_naming_the_other_document()
    {
        // The other copy came by e-mail with the SIRET where the Factur-X gives the SIREN.
        var other = Known(number: "fa-2026-0042 ", seller: new InvoiceParty("ANTARES SERVICES SAS", "552 100 554 00027"));
        var context = AcmeNovemberContext() with { OtherInvoices = [other] };

        var found = Single(InvoiceControl.Check(AcmeNovember(), context), DiscrepancyCodes.Duplicate);

        Assert.Equal((other.Id, (int?)null, 14_650m, true), (found.DuplicateOf, found.Line, found.AmountAtStake, found.Blocking));
        Assert.Contains(other.Id.ToString(), found.Message.English, StringComparison.Ordinal);
        Assert.Equal<object?>(other.Id, found.Message.Parameters["duplicateOf"]);
    }

    [Fact]
    public void The_same_contract_period_and_total_is_a_duplicate_whatever_the_number()
    {
        var other = Known(number: "FA-2026-0040", period: November2026);
        var context = AcmeNovemberContext() with { OtherInvoices = [other] };

        var found = Single(InvoiceControl.Check(AcmeNovember(), context), DiscrepancyCodes.Duplicate);

        Assert.Equal(other.Id, found.DuplicateOf);
        Assert.Equal(
            $"Invoice FA-2026-0040 (document {other.Id}) already bills this contract for 2026-11 with the same total without VAT, 14,650.00 €.",
            found.Message.English);
    }

    [Fact]
    public void A_duplicate_the_client_cleared_is_no_longer_reported()
    {
        var byNumber = Known(number: "FA-2026-0042");
        var byPeriod = Known(number: "FA-2026-0040", period: November2026, id: Guid.Parse("01930000-0000-7000-8000-00000000f040"));
        var context = AcmeNovemberContext() with { OtherInvoices = [byNumber, byPeriod] };
        Assert.Equal(2, InvoiceControl.Check(AcmeNovember(), context).Discrepancies.Count(d => d.Code == DiscrepancyCodes.Duplicate));

        AssertCompliant(InvoiceControl.Check(AcmeNovember(), context with { ClearedDuplicates = [byNumber.Id, byPeriod.Id] }));
    }

    [Fact]
    public void Neither_another_seller_s_number_nor_another_month_nor_a_credit_note_nor_the_invoice_itself_is_a_duplicate()
    {
        var self = Guid.Parse("01930000-0000-7000-8000-00000000f042");
        var context = AcmeNovemberContext() with
        {
            InvoiceId = self,
            OtherInvoices =
            [
                Known(number: "FA-2026-0042", seller: new InvoiceParty("Nordlys IT", "812345678")),
                Known(number: "FA-2026-0031", period: Period("2026-10-01", "2026-10-31")),
                Known(number: "AV-2026-0003", period: November2026, kind: InvoiceKinds.CreditNote),
                Known(number: "FA-2026-0042", period: November2026, id: self),
            ],
        };

        AssertCompliant(InvoiceControl.Check(AcmeNovember(), context));
    }

    [Theory]
    [InlineData("552100554", "55210055400027", true)]
    [InlineData("552100554", "552100555", false)]
    [InlineData(null, null, true)]
    public void Sellers_are_the_same_by_legal_id_else_vat_number_else_name(string? one, string? other, bool same) =>
        Assert.Equal(same, InvoiceControl.SameSeller(new InvoiceParty("Antares Services", one, "FR40552100554"), new InvoiceParty("antares  services", other, "FR 40 552100554")));

    // 3. Period.

    [Fact]
    public void A_period_beginning_before_the_contract_starts_is_a_period_discrepancy_of_the_days_outside()
    {
        // 2025-12-15 → 2026-01-14: 17 of its 31 days before the start on 1 January; the fee itself is right (13,200.00).
        var invoice = Invoice([Fee(1)], Period("2025-12-15", "2026-01-14"));

        var result = Check(invoice);

        var found = Single(result, DiscrepancyCodes.Period);
        Assert.Equal(((int?)null, (decimal?)null, (decimal?)null, 7_238.71m, true), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking));
        Assert.Equal(
            "Document: the billing period 2025-12-15 to 2026-01-14 begins before the contract starts on 2026-01-01 (17 days outside the contract).",
            found.Message.English);
        Assert.Single(result.Discrepancies);
    }

    [Fact]
    public void A_period_running_past_the_termination_is_a_period_discrepancy()
    {
        var context = AcmeNovemberContext() with { Contract = new ContractLife(AcmeContract, Day("2026-01-01"), Day("2028-12-31"), TerminatedOn: Day("2026-11-20")) };

        var found = Single(InvoiceControl.Check(AcmeNovember(), context), DiscrepancyCodes.Period);

        // 10 of November's 30 days: a third of 14,650.00.
        Assert.Equal(4_883.33m, found.AmountAtStake);
        Assert.Equal(
            "Document: the billing period 2026-11-01 to 2026-11-30 runs past the contract's termination on 2026-11-20 (10 days outside the contract).",
            found.Message.English);
    }

    [Fact]
    public void Reversibility_is_billed_to_its_end_past_the_termination_but_not_beyond()
    {
        var life = new ContractLife(AcmeContract, Day("2026-01-01"), Day("2028-12-31"), TerminatedOn: Day("2026-10-31"), ReversibilityEnd: Day("2026-11-30"));
        var context = AcmeNovemberContext() with { Contract = life };
        AssertCompliant(InvoiceControl.Check(AcmeNovember(), context));

        var found = Single(Check(Invoice([Fee(1)], Period("2026-12-01", "2026-12-31")), context with { PenaltyStatements = [] }), DiscrepancyCodes.Period);
        Assert.Contains("the end of reversibility on 2026-11-30", found.Message.English, StringComparison.Ordinal);
        Assert.Equal(13_200m, found.AmountAtStake);
    }

    [Fact]
    public void A_period_running_past_the_current_term_is_a_period_discrepancy()
    {
        var context = Context() with { Contract = new ContractLife(AcmeContract, Day("2026-01-01"), Day("2026-11-25")) };

        var found = Single(Check(Invoice([Fee(1)]), context), DiscrepancyCodes.Period);

        Assert.Contains("the end of the contract's current term on 2026-11-25 (5 days", found.Message.English, StringComparison.Ordinal);
        Assert.Equal(2_200m, found.AmountAtStake);
    }

    [Fact]
    public void A_line_s_own_period_is_checked_and_reported_on_that_line()
    {
        var invoice = Invoice([Fee(1), Dev(2, 3m, period: Period("2025-12-01", "2025-12-31"))]);

        var found = Single(Check(invoice), DiscrepancyCodes.Period);

        Assert.Equal((2, 1_950m), (found.Line, found.AmountAtStake));
        Assert.StartsWith("Line 2: the billing period 2025-12-01 to 2025-12-31 begins before", found.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invoice_with_no_period_at_all_cannot_be_checked_against_the_contract()
    {
        var found = Single(Check(Invoice([Fee(1)], noPeriod: true)), DiscrepancyCodes.Period);

        Assert.Equal((0m, true), (found.AmountAtStake, found.Blocking));
        Assert.Equal("invoice.control.period.missing", found.Message.Code);
    }

    [Fact]
    public void Without_a_document_period_the_lines_periods_make_the_billing_period()
    {
        var invoice = Invoice([Fee(1, period: November2026), Dev(2, 3m, period: Period("2026-11-02", "2026-11-06"))], noPeriod: true);

        Assert.Equal(November2026, InvoiceControl.BillingPeriod(invoice));
        AssertCompliant(Check(invoice));
    }

    [Fact]
    public void A_period_ending_before_it_starts_is_a_period_discrepancy()
    {
        var found = Single(Check(Invoice([Fee(1)], Period("2026-11-30", "2026-11-01"))), DiscrepancyCodes.Period);

        Assert.Equal("invoice.control.period.reversed", found.Message.Code);
    }

    // 4. Fixed fee.

    [Fact]
    public void A_monthly_fee_other_than_the_revised_fee_is_a_fixed_fee_discrepancy_said_in_both_languages()
    {
        var result = InvoiceControl.Check(Invoice([Fee(1, 13_500m), Dev(2, 3m), Penalty(3, 500m)]), AcmeNovemberContext());

        var found = Single(result, DiscrepancyCodes.FixedFee);
        Assert.Equal((1, 13_200m, 13_500m, 300m, true), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking));
        Assert.Equal("Monthly fee for 2026-11 is 13,200.00 € revised; billed 13,500.00 €.", found.Message.English);
        Assert.Equal(
            "Redevance mensuelle de 2026-11\u00A0: " + InvoiceControlMessages.EurosInFrench(13_200m) + " après révision\u00A0; facturé " + InvoiceControlMessages.EurosInFrench(13_500m) + ".",
            found.Message.French);
        Assert.Equal("invoice.control.fixedFee", found.Message.Code);
        Assert.Equal(300m, result.TotalAtStake);
    }

    [Fact]
    public void A_period_across_a_month_end_is_prorated_by_calendar_days_month_by_month()
    {
        // 2026-11-15 → 2026-12-14: 16/30 of November (7,040.00) + 14/31 of December (5,961.29) = 13,001.29.
        var period = Period("2026-11-15", "2026-12-14");
        Assert.Equal(13_001.29m, BillingCalendar.ProratedMonthlyFee(period, new PriceBook(Context().Prices)));

        AssertCompliant(Check(Invoice([Fee(1, 13_001.29m)], period)));
        var found = Single(Check(Invoice([Fee(1, 13_200m)], period)), DiscrepancyCodes.FixedFee);
        Assert.Equal((13_001.29m, 198.71m), (found.Expected, found.AmountAtStake));
        Assert.Equal("Monthly fee for 2026-11-15 to 2026-12-14 is 13,001.29 € revised (prorated by calendar days); billed 13,200.00 €.", found.Message.English);
    }

    [Theory]
    [InlineData("2028-02-15", "2028-02-29", "6827.59")] // leap year: 15 of 29 days
    [InlineData("2027-02-15", "2027-02-28", "6600.00")] // 14 of 28 days
    [InlineData("2028-02-01", "2028-02-29", "13200.00")] // the whole of February is the whole fee
    [InlineData("2026-11-30", "2026-11-30", "440.00")] // one day of 30
    [InlineData("2026-10-01", "2026-12-31", "39600.00")] // three whole months
    public void February_and_other_months_are_prorated_by_their_own_days(string start, string end, string expected)
    {
        var fee = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        var period = Period(start, end);

        Assert.Equal(fee, BillingCalendar.ProratedMonthlyFee(period, new PriceBook(Context().Prices)));
        AssertCompliant(Check(Invoice([Fee(1, fee)], period)));
    }

    private static readonly DatedPrices[] RevisedOnNewYear =
        [new(Day("2026-01-01"), Schedule(13_200m)), new(Day("2027-01-01"), Schedule(13_530m, dev: 666.25m))];

    [Fact]
    public void A_revision_anniversary_inside_the_period_means_two_fees()
    {
        // December at 13,200.00 and January at the revised 13,530.00.
        var period = Period("2026-12-01", "2027-01-31");
        AssertCompliant(Check(Invoice([Fee(1, 26_730m)], period), Context(RevisedOnNewYear)));

        var found = Single(Check(Invoice([Fee(1, 26_400m)], period), Context(RevisedOnNewYear)), DiscrepancyCodes.FixedFee);
        Assert.Equal((26_730m, 330m), (found.Expected, found.AmountAtStake));
    }

    [Fact]
    public void A_revision_in_the_middle_of_a_month_splits_it_by_days_between_the_two_fees()
    {
        // Revised on 15 November: 14 days at 13,200.00 and 16 at 13,530.00, over 30 days: 13,376.00.
        var context = Context(new DatedPrices(Day("2026-01-01"), Schedule(13_200m)), new DatedPrices(Day("2026-11-15"), Schedule(13_530m)));

        AssertCompliant(Check(Invoice([Fee(1, 13_376m)]), context));
    }

    [Fact]
    public void A_fee_billed_in_two_lines_for_the_same_period_is_compared_as_one()
    {
        var invoice = Invoice([Fee(1, 10_000m), Line(2, "Redevance – part infrastructure", 1, 3_200m)]);

        AssertCompliant(Check(invoice));
    }

    [Fact]
    public void Each_line_billing_its_own_month_is_compared_with_that_month_s_fee()
    {
        var period = Period("2026-12-01", "2027-01-31");
        var invoice = Invoice([Fee(1, 13_200m, Period("2026-12-01", "2026-12-31")), Fee(2, 13_200m, Period("2027-01-01", "2027-01-31"))], period);

        var found = Single(Check(invoice, Context(RevisedOnNewYear)), DiscrepancyCodes.FixedFee);

        Assert.Equal((2, 13_530m, 13_200m), (found.Line, found.Expected, found.Actual));
        Assert.Equal("Monthly fee for 2027-01 is 13,530.00 € revised; billed 13,200.00 €.", found.Message.English);
    }

    // 5. Work units: prices and volumes.

    [Fact]
    public void A_work_unit_billed_at_another_price_than_the_revised_one_is_a_unit_price_discrepancy_on_its_quantity()
    {
        var january = Period("2027-01-01", "2027-01-31");
        var invoice = Invoice([Fee(1, 13_530m), Dev(2, 3m, 650m)], january);

        var found = Single(Check(invoice, Context(RevisedOnNewYear)), DiscrepancyCodes.UnitPrice);

        Assert.Equal((2, 666.25m, 650m, 48.75m), (found.Line, found.Expected, found.Actual, found.AmountAtStake));
        Assert.Equal("Line 2: the unit price of UO-DEV on 2027-01-01 is 666.25 € revised; billed 650.00 € × 3.", found.Message.English);
    }

    [Fact]
    public void A_work_unit_is_priced_at_its_own_period_before_the_invoice_s()
    {
        // January's invoice catches up December's days, at December's price.
        var invoice = Invoice([Fee(1, 13_530m), Dev(2, 3m, 650m, Period("2026-12-14", "2026-12-18"))], Period("2027-01-01", "2027-01-31"));

        AssertCompliant(Check(invoice, Context(RevisedOnNewYear)));
    }

    [Fact]
    public void A_work_unit_the_schedule_does_not_price_is_a_unit_price_discrepancy_of_the_whole_line()
    {
        var invoice = Invoice([Fee(1), Line(2, "Journée d'expertise sécurité", 2m, 900m, itemCode: "UO-SECU", kind: InvoiceLineKinds.WorkUnit)]);

        var found = Single(Check(invoice), DiscrepancyCodes.UnitPrice);

        Assert.Equal((2, (decimal?)null, 1_800m), (found.Line, found.Expected, found.AmountAtStake));
        Assert.Equal("Line 2: work unit UO-SECU is not priced by the contract on that date.", found.Message.English);
    }

    private static InvoiceLine Workstations(int position, decimal count, InvoicePeriod? period = null) =>
        Line(position, "UO-POSTE Maintien en condition opérationnelle", count, 45m, period: period);

    [Fact]
    public void A_quantity_exactly_at_the_inventory_s_volume_is_compliant_and_one_more_is_a_volume_discrepancy()
    {
        AssertCompliant(Check(Invoice([Fee(1), Workstations(2, 120m)])));

        var found = Single(Check(Invoice([Fee(1), Workstations(2, 121m)])), DiscrepancyCodes.Volume);
        Assert.Equal((2, 120m, 121m, 45m, true), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking));
        Assert.Equal(
            "UO-POSTE in 2026-11: 121 units billed with the approved invoices, over the 120 items of type workstation in the inventory; 1 too many on this invoice.",
            found.Message.English);
    }

    [Fact]
    public void The_month_s_quantity_adds_this_invoice_s_lines_to_the_other_approved_invoices()
    {
        var context = Context() with { ApprovedWorkUnits = [new ApprovedWorkUnits("2026-11", "uo-poste", 100m), new ApprovedWorkUnits("2026-10", "UO-POSTE", 120m)] };
        AssertCompliant(Check(Invoice([Fee(1), Workstations(2, 12m), Workstations(3, 8m)]), context));

        // 100 + 12 + 9 = 121: the line that crosses the volume is named.
        var found = Single(Check(Invoice([Fee(1), Workstations(2, 12m), Workstations(3, 9m)]), context), DiscrepancyCodes.Volume);
        Assert.Equal((3, 121m, 45m), (found.Line, found.Actual, found.AmountAtStake));
    }

    [Fact]
    public void Units_already_over_the_volume_on_approved_invoices_make_this_invoice_s_all_excess_but_no_more()
    {
        var context = Context() with { ApprovedWorkUnits = [new ApprovedWorkUnits("2026-11", "UO-POSTE", 125m)] };

        var found = Single(Check(Invoice([Fee(1), Workstations(2, 10m)]), context), DiscrepancyCodes.Volume);

        Assert.Equal((135m, 450m), (found.Actual, found.AmountAtStake));
    }

    [Fact]
    public void Units_are_counted_in_the_month_their_line_bills()
    {
        var invoice = Invoice(
            [Fee(1, 26_400m), Workstations(2, 120m, November2026), Workstations(3, 120m, Period("2026-12-01", "2026-12-31"))], Period("2026-11-01", "2026-12-31"));

        AssertCompliant(Check(invoice));
    }

    [Fact]
    public void A_work_unit_not_counted_on_the_inventory_has_no_volume()
    {
        AssertCompliant(Check(Invoice([Fee(1), Dev(2, 400m)])));
    }

    // 6. Evolutions.

    private static readonly ContractEvolution Portal = new(
        Guid.Parse("01930000-0000-7000-8000-0000000e7001"), "EVO-2026-003", "Portail fournisseurs", "inProgress", Day("2026-09-15"), 24_000m);

    private static InvoiceLine PortalLine(int position, decimal amount) =>
        Line(position, "Évolution EVO-2026-003 – portail fournisseurs, lot livré", 1m, amount);

    private static ControlResult CheckPortal(decimal amount, decimal billedElsewhere, ContractEvolution? evolution = null, string issued = "2026-12-01") =>
        Check(Invoice([Fee(1), PortalLine(2, amount)], issued: issued), Context() with { Evolutions = [(evolution ?? Portal) with { BilledElsewhere = billedElsewhere }] });

    [Fact]
    public void An_evolution_billed_in_two_invoices_up_to_its_quote_is_compliant_and_a_third_over_it_is_the_excess()
    {
        AssertCompliant(CheckPortal(12_000m, billedElsewhere: 0m));
        AssertCompliant(CheckPortal(12_000m, billedElsewhere: 12_000m));

        var found = Single(CheckPortal(2_400m, billedElsewhere: 24_000m), DiscrepancyCodes.Evolution);
        Assert.Equal((2, 24_000m, 26_400m, 2_400m, true), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking));
        Assert.Equal(
            "The evolution request “Portail fournisseurs” is billed 26,400.00 € in all, over its quote of 24,000.00 € by 2,400.00 € on this invoice.",
            found.Message.English);

        // Part of the line fits under the quote: only what goes beyond is at stake.
        Assert.Equal(1_400m, Single(CheckPortal(2_400m, billedElsewhere: 23_000m), DiscrepancyCodes.Evolution).AmountAtStake);
    }

    [Fact]
    public void An_evolution_billed_before_its_validation_is_an_evolution_discrepancy_of_the_line()
    {
        var found = Single(CheckPortal(12_000m, billedElsewhere: 0m, issued: "2026-09-14"), DiscrepancyCodes.Evolution);

        Assert.Equal((2, 12_000m), (found.Line, found.AmountAtStake));
        Assert.Equal(
            "Line 2: the evolution request “Portail fournisseurs” is billed on 2026-09-14, before its validation on 2026-09-15.",
            found.Message.English);
        AssertCompliant(CheckPortal(12_000m, billedElsewhere: 0m, issued: "2026-09-15"));
    }

    [Theory]
    [InlineData("specified")]
    [InlineData("proposed")]
    [InlineData("rejected")]
    public void An_evolution_the_client_has_not_validated_is_an_evolution_discrepancy(string state)
    {
        var found = Single(CheckPortal(12_000m, billedElsewhere: 0m, Portal with { State = state, ValidatedOn = null }), DiscrepancyCodes.Evolution);

        Assert.Equal(("invoice.control.evolution.notValidated", 12_000m), (found.Message.Code, found.AmountAtStake));
        Assert.Equal<object?>(state, found.Message.Parameters["state"]);
    }

    [Theory]
    [InlineData("validated")]
    [InlineData("delivered")]
    [InlineData("accepted")]
    public void An_evolution_validated_or_further_may_be_billed(string state) =>
        AssertCompliant(CheckPortal(12_000m, billedElsewhere: 0m, Portal with { State = state }));

    [Fact]
    public void An_evolution_the_contract_does_not_know_is_an_evolution_discrepancy_of_the_line()
    {
        var invoice = Invoice([Fee(1), Line(2, "Évolution lot 2", 1m, 5_000m, evolution: "EVO-2025-099")]);

        var found = Single(Check(invoice, Context() with { Evolutions = [Portal] }), DiscrepancyCodes.Evolution);

        Assert.Equal((2, 5_000m), (found.Line, found.AmountAtStake));
        Assert.Equal("Line 2: no evolution request of the contract matches EVO-2025-099.", found.Message.English);
    }

    // 7. Penalty credits.

    [Fact]
    public void A_penalty_credit_one_cent_off_is_a_discrepancy_of_one_cent()
    {
        var result = InvoiceControl.Check(Invoice([Fee(1), Dev(2, 3m), Penalty(3, 499.99m)]), AcmeNovemberContext());

        var found = Single(result, DiscrepancyCodes.PenaltyCredit);
        Assert.Equal((3, 500m, 499.99m, 0.01m, true), (found.Line, found.Expected, found.Actual, found.AmountAtStake, found.Blocking));
        Assert.Equal("The penalties of 2026-11 are 500.00 € (issued statement); credited 499.99 €.", found.Message.English);
    }

    [Fact]
    public void A_missing_penalty_credit_is_a_discrepancy_of_the_statement_s_total()
    {
        var result = InvoiceControl.Check(Invoice([Fee(1), Dev(2, 3m)]), AcmeNovemberContext());

        var found = Single(result, DiscrepancyCodes.PenaltyCredit);
        Assert.Equal(((int?)null, 500m, 0m, 500m), (found.Line, found.Expected, found.Actual, found.AmountAtStake));
        Assert.Equal("The penalties of 2026-11 (500.00 €, issued statement) are not credited.", found.Message.English);
    }

    [Fact]
    public void A_month_whose_statement_is_zero_or_not_issued_needs_no_credit_line()
    {
        AssertCompliant(Check(Invoice([Fee(1), Dev(2, 3m)]), Context() with { PenaltyStatements = [new IssuedPenaltyStatement("2026-11", 0m)] }));
        AssertCompliant(Check(Invoice([Fee(1), Dev(2, 3m)]), Context() with { PenaltyStatements = [new IssuedPenaltyStatement("2026-10", 700m)] }));
    }

    [Fact]
    public void A_credit_note_referring_to_the_invoice_credits_the_penalties_in_its_place()
    {
        var context = AcmeNovemberContext() with { PenaltyCreditNotes = [new PenaltyCreditNote(Guid.NewGuid(), "AV-2026-0007", 500m)] };

        AssertCompliant(InvoiceControl.Check(Invoice([Fee(1), Dev(2, 3m)]), context));
    }

    [Fact]
    public void Credits_naming_their_months_are_matched_month_by_month()
    {
        var period = Period("2026-10-01", "2026-11-30");
        var context = Context() with { PenaltyStatements = [new IssuedPenaltyStatement("2026-10", 300m), new IssuedPenaltyStatement("2026-11", 500m)] };
        InvoiceLine[] right = [Fee(1, 26_400m), Penalty(2, 300m, Period("2026-10-01", "2026-10-31")), Penalty(3, 500m, November2026)];
        AssertCompliant(Check(Invoice(right, period), context));

        InvoiceLine[] swapped = [Fee(1, 26_400m), Penalty(2, 500m, Period("2026-10-01", "2026-10-31")), Penalty(3, 300m, November2026)];
        var found = Check(Invoice(swapped, period), context).Discrepancies.Where(d => d.Code == DiscrepancyCodes.PenaltyCredit).ToArray();
        Assert.Equal([(2, 300m, 500m), (3, 500m, 300m)], found.Select(d => (d.Line!.Value, d.Expected!.Value, d.Actual!.Value)));
    }

    [Fact]
    public void Credits_that_do_not_name_their_month_are_compared_with_the_statements_in_total()
    {
        var period = Period("2026-10-01", "2026-11-30");
        var context = Context() with { PenaltyStatements = [new IssuedPenaltyStatement("2026-10", 300m), new IssuedPenaltyStatement("2026-11", 500m)] };

        AssertCompliant(Check(Invoice([Fee(1, 26_400m), Penalty(2, 800m)], period), context));
        var found = Single(Check(Invoice([Fee(1, 26_400m), Penalty(2, 500m)], period), context), DiscrepancyCodes.PenaltyCredit);
        Assert.Equal((800m, 500m, 300m), (found.Expected, found.Actual, found.AmountAtStake));
        Assert.StartsWith("The penalties of 2026-10, 2026-11 are 800.00 €", found.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_penalty_credit_without_an_issued_statement_is_a_discrepancy()
    {
        var found = Single(Check(Invoice([Fee(1), Penalty(2, 200m)])), DiscrepancyCodes.PenaltyCredit);

        Assert.Equal((0m, 200m, 200m), (found.Expected, found.Actual, found.AmountAtStake));
    }

    // 8. Tolerance.

    [Theory]
    [InlineData("13201.00", false)] // exactly at 1.00 €
    [InlineData("13201.01", true)] // one cent over
    [InlineData("13198.99", true)] // one cent over, the other way
    public void A_price_difference_at_or_under_the_tolerance_amount_does_not_block(string billed, bool blocking)
    {
        var context = Context() with { Tolerance = new ControlTolerance(Amount: 1m) };

        var result = Check(Invoice([Fee(1, decimal.Parse(billed, System.Globalization.CultureInfo.InvariantCulture))]), context);

        var found = Single(result, DiscrepancyCodes.FixedFee);
        Assert.Equal(blocking, found.Blocking);
        Assert.Equal(!blocking, result.Compliant);
        Assert.Equal(blocking ? found.AmountAtStake : 0m, result.TotalAtStake);
    }

    [Theory]
    [InlineData("13332.00", false)] // exactly 1 % of 13,200.00
    [InlineData("13332.01", true)]
    [InlineData("13068.00", false)] // 1 % under
    [InlineData("13067.99", true)]
    public void A_price_difference_at_or_under_the_tolerance_percent_of_the_expected_amount_does_not_block(string billed, bool blocking)
    {
        var context = Context() with { Tolerance = new ControlTolerance(Percent: 1m) };

        var found = Single(Check(Invoice([Fee(1, decimal.Parse(billed, System.Globalization.CultureInfo.InvariantCulture))]), context), DiscrepancyCodes.FixedFee);

        Assert.Equal(blocking, found.Blocking);
    }

    [Theory]
    [InlineData("656.50", false)] // 6.50 × 3 = 19.50: exactly 1 % of 3 × 650.00
    [InlineData("656.51", true)] // 19.53
    public void A_unit_price_s_tolerance_percent_is_of_the_line_s_expected_amount(string unitPrice, bool blocking)
    {
        var context = Context() with { Tolerance = new ControlTolerance(Percent: 1m) };

        var found = Single(Check(Invoice([Fee(1), Dev(2, 3m, decimal.Parse(unitPrice, System.Globalization.CultureInfo.InvariantCulture))]), context), DiscrepancyCodes.UnitPrice);

        Assert.Equal(blocking, found.Blocking);
    }

    [Fact]
    public void Either_tolerance_given_suffices()
    {
        // 132.00 is over 1.00 € but at 1 %; 132.01 is over both.
        var context = Context() with { Tolerance = new ControlTolerance(Amount: 1m, Percent: 1m) };

        Assert.False(Single(Check(Invoice([Fee(1, 13_332m)]), context), DiscrepancyCodes.FixedFee).Blocking);
        Assert.True(Single(Check(Invoice([Fee(1, 13_332.01m)]), context), DiscrepancyCodes.FixedFee).Blocking);
    }

    [Fact]
    public void An_arithmetic_difference_at_the_tolerance_does_not_block_and_without_tolerance_a_cent_does()
    {
        var invoice = Invoice([Fee(1), Dev(2, 3m) with { NetAmount = 1_950.01m }]);

        Assert.True(Single(Check(invoice), DiscrepancyCodes.Arithmetic).Blocking);
        var tolerated = Check(invoice, Context() with { Tolerance = new ControlTolerance(Amount: 0.01m) });
        Assert.False(Single(tolerated, DiscrepancyCodes.Arithmetic).Blocking);
        Assert.True(tolerated.Compliant);
    }

    [Fact]
    public void Tolerance_does_not_apply_to_volumes_evolutions_or_penalties()
    {
        var context = AcmeNovemberContext() with { Tolerance = new ControlTolerance(Amount: 1_000m, Percent: 50m) };

        var result = InvoiceControl.Check(Invoice([Fee(1), Workstations(2, 121m), Penalty(3, 499.99m)]), context);

        Assert.True(Single(result, DiscrepancyCodes.Volume).Blocking);
        Assert.True(Single(result, DiscrepancyCodes.PenaltyCredit).Blocking);
    }

    // Credit notes.

    [Fact]
    public void A_credit_note_is_checked_for_arithmetic_duplicates_and_period_only()
    {
        InvoiceLine[] lines = [Line(1, "Avoir sur redevance de novembre", 1m, 1_000m), Line(2, "Pénalités SLA d’octobre", 1m, 500m)];
        var creditNote = Invoice(lines, kind: InvoiceKinds.CreditNote, number: "AV-2026-0007");
        var context = AcmeNovemberContext() with { Evolutions = [Portal] };

        var result = InvoiceControl.Check(creditNote, context);
        AssertCompliant(result);
        Assert.Equal([InvoiceLineKinds.MonthlyFee, InvoiceLineKinds.PenaltyCredit], result.LineKinds);

        var wrong = InvoiceControl.Check(Invoice([lines[0] with { NetAmount = 1_100m }], kind: InvoiceKinds.CreditNote, period: Period("2025-12-01", "2025-12-31")), context);
        Assert.Equal([DiscrepancyCodes.Arithmetic, DiscrepancyCodes.Period], wrong.Discrepancies.Select(d => d.Code));
    }

    // The result.

    [Fact]
    public void Discrepancies_come_in_the_order_of_the_checks_and_the_total_at_stake_sums_the_blocking_ones()
    {
        var context = AcmeNovemberContext() with
        {
            Evolutions = [Portal with { BilledElsewhere = 24_000m }],
            OtherInvoices = [Known(number: "FA-2026-0042")],
            Contract = new ContractLife(AcmeContract, Day("2026-01-01"), Day("2028-12-31"), TerminatedOn: Day("2026-11-29")),
            Tolerance = new ControlTolerance(Amount: 0.05m),
        };
        var invoice = Invoice([Fee(1, 13_500m), Dev(2, 3m, 651m), Workstations(3, 121m), PortalLine(4, 100m), Penalty(5, 400m), Line(6, "Divers", 1m, 10m) with { NetAmount = 10.05m }]);

        var result = InvoiceControl.Check(invoice, context);

        Assert.Equal(
            [
                DiscrepancyCodes.Arithmetic, DiscrepancyCodes.Duplicate, DiscrepancyCodes.Period, DiscrepancyCodes.FixedFee, DiscrepancyCodes.UnitPrice,
                DiscrepancyCodes.Volume, DiscrepancyCodes.Evolution, DiscrepancyCodes.PenaltyCredit,
            ],
            result.Discrepancies.Select(d => d.Code));
        Assert.False(result.Discrepancies[0].Blocking);
        Assert.False(result.Compliant);
        Assert.Equal(result.Discrepancies.Where(d => d.Blocking).Sum(d => d.AmountAtStake), result.TotalAtStake);
        Assert.All(result.Discrepancies, d =>
        {
            Assert.StartsWith("invoice.control.", d.Message.Code, StringComparison.Ordinal);
            Assert.NotEqual(d.Message.English, d.Message.French);
            Assert.Contains(d.Code, DiscrepancyCodes.All);
            Assert.True(d.AmountAtStake >= 0);
        });
    }
}
