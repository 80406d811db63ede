using System.Text;
using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.InvoiceSamples;

namespace Infogerance.Invoicing.Tests;

/// <summary>The CSV invoice of providers without e-invoices: one row per line, the document's fields on the first row.</summary>
public class InvoiceCsvReaderTests
{
    private const string Header = "number,issueDate,seller,buyer,description,quantity,unitPrice,netAmount,vatRate";

    private static (InvoiceDocument? Invoice, ImportErrors Errors) ReadCsv(string csv) => InvoiceCsvReader.Read(Utf8(csv));

    [Fact]
    public void The_sample_reads_every_term_and_sums_its_totals()
    {
        AssertSameInvoice(November2026CsvInvoice(), Readable(InvoiceCsvReader.Read(Bytes(Csv))));
    }

    [Fact]
    public void French_headings_a_comma_separator_and_french_dates_read_the_same()
    {
        var csv = """
            Numéro,Date,Type de document,Contrat,Début de période,Fin de période,Échéance,Fournisseur,SIREN fournisseur,TVA fournisseur,Client,SIREN client,TVA client,Ligne,Libellé,Code article,Type de ligne,Référence évolution,Quantité,Unité,Prix unitaire HT,Montant HT,Taux TVA,Commentaire
            FA-2026-1142,30/11/2026,facture,ACME-INFOG-01,01/11/2026,30/11/2026,30/12/2026,Antares Services,812345676,FR19812345676,Acme Industries,798765434,FR69798765434,1,Redevance mensuelle forfaitaire novembre 2026,FORFAIT-RUN,redevance,,1,MON,13200.00,13200.00,20 %,
            ,,,,,,,,,,,,,2,Unités d'œuvre développement,UO-DEV,UO,,3,C62,650,"1 950,00",20%,"Tickets CHG-2026-311, CHG-2026-318 et CHG-2026-322."
            ,,,,,,,,,,,,,3,Évolution EVO-2026-014 : connecteur SIRH,EVOL,évolution,EVO-2026-014,1,C62,4200,4200,20,
            ,,,,,,,,,,,,,4,Pénalités SLA octobre 2026,PENALITE,pénalité,,-1,C62,500,-500,20,
            """;

        AssertSameInvoice(November2026CsvInvoice(), Readable(ReadCsv(csv)));
    }

    [Theory]
    [InlineData("1250.50", "1250.50")]
    [InlineData("1250,50", "1250.50")]
    [InlineData("1 250,50", "1250.50")]
    [InlineData("1\u00A0250,50", "1250.50")]
    [InlineData("1\u202F250,50", "1250.50")]
    [InlineData("1.250,50", "1250.50")]
    [InlineData("1,250.50", "1250.50")]
    [InlineData("1,250,000", "1250000")]
    [InlineData("-500,00", "-500.00")]
    [InlineData("\u2212500,00", "-500.00")]
    [InlineData("'-500", "-500")]
    [InlineData("650,00 €", "650.00")]
    [InlineData("20 %", "20")]
    [InlineData("5,5", "5.5")]
    public void Numbers_are_read_as_people_type_them(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), InvoiceCsvReader.ParseNumber(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("douze")]
    [InlineData("1e3")]
    [InlineData("12-3")]
    [InlineData("1,2,3.4,5")]
    public void Other_text_is_not_a_number(string text)
    {
        Assert.Null(InvoiceCsvReader.ParseNumber(text));
    }

    [Fact]
    public void French_decimal_commas_in_a_semicolon_file_keep_their_cents()
    {
        var csv = $"""
            {Header.Replace(',', ';')}
            FA-1;2026-11-30;Antares Services;Acme Industries;UO-DEV;2,5;650,10;1 625,25;5,5
            """;

        var line = Assert.Single(Readable(ReadCsv(csv)).Lines);

        Assert.Equal((2.5m, 650.10m, 1_625.25m, 5.5m), (line.Quantity, line.UnitPrice, line.NetAmount, line.VatRate));
    }

    [Fact]
    public void A_bad_line_is_reported_at_its_line_number_field_by_field()
    {
        var csv = $"""
            {Header}
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,13200,20

            ,,,,UO-DEV,trois,650,1950,
            """;

        var result = ReadCsv(csv);

        Assert.Null(result.Invoice);
        Assert.Equal(["line 4"], result.Errors.Keys);
        Assert.Equal(
            ["quantity: \"trois\" is not a number (e.g. 1250.50 or 1 250,50).", "vatRate: this field is required."],
            result.Errors["line 4"].Select(m => m.English));
        Assert.Equal(
            ["quantity : « trois » n'est pas un nombre (par exemple 1250.50 ou 1 250,50).", "vatRate : ce champ est obligatoire."],
            result.Errors["line 4"].Select(m => m.French));
    }

    [Fact]
    public void A_document_field_that_differs_from_the_first_line_is_refused()
    {
        var csv = $"""
            {Header},contractReference
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,13200,20,
            FA-2,2026-11-30,Antares Services,Acme Industries,UO-DEV,3,650,1950,20,ACME-INFOG-01
            """;

        var result = ReadCsv(csv);

        Assert.Equal(["line 3"], result.Errors.Keys);
        Assert.Equal(
            ["invoice.csv.differsFromFirstLine", "invoice.csv.differsFromFirstLine"],
            result.Errors["line 3"].Select(m => m.Code));
        Assert.StartsWith("number: differs from \"FA-1\" on line 2", result.Errors["line 3"][0].English, StringComparison.Ordinal);
        Assert.StartsWith("contractReference : vide à la ligne 2", result.Errors["line 3"][1].French, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_document_fields_are_reported_on_the_first_line()
    {
        var csv = $"""
            {Header},periodStart,periodEnd
            ,30/11/2026,,Acme Industries,Redevance,1,13200,13200,20,2026-11-01,
            """;

        var result = ReadCsv(csv);

        Assert.Equal(["line 2"], result.Errors.Keys);
        Assert.Equal(["number", "seller", "periodEnd"], result.Errors["line 2"].Select(m => (string)m.Parameters["field"]!));
    }

    [Fact]
    public void A_header_with_an_unknown_or_repeated_column_or_without_a_required_one_is_reported_alone()
    {
        var csv = """
            number,issueDate,seller,buyer,description,quantity,prix,montant,quantité
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,13200
            """;

        var result = ReadCsv(csv);

        Assert.Equal(["line 1"], result.Errors.Keys);
        Assert.Equal(
            ["invoice.csv.column.unknown", "import.column.twice", "import.column.missing", "import.column.missing"],
            result.Errors["line 1"].Select(m => m.Code));
        Assert.Equal(["column 7", "column 9", "unitPrice", "vatRate"], result.Errors["line 1"].Select(m => (string)m.Parameters["field"]!));
    }

    [Fact]
    public void A_credit_note_and_a_corrected_invoice_are_recognised_by_their_kind()
    {
        var creditNote = Readable(ReadCsv($"""
            {Header},kind,precedingInvoice
            AV-2026-0031,2026-12-04,Antares Services,Acme Industries,UO-DEV,1,650,650,20,avoir,FA-2026-1142
            """));
        Assert.Equal((InvoiceKinds.CreditNote, "FA-2026-1142"), (creditNote.Kind, creditNote.PrecedingInvoice));
        Assert.Equal(new InvoiceTotals(650m, 0m, 0m, 650m, 130m, 780m, 780m), creditNote.Totals);

        var corrected = ReadCsv($"""
            {Header},kind
            FA-2026-1150,2026-12-04,Antares Services,Acme Industries,UO-DEV,1,650,650,20,384
            """);
        Assert.Equal(("line 2", "invoice.precedingInvoice.required"), SingleError(corrected));
    }

    [Fact]
    public void Unknown_kinds_are_refused()
    {
        var result = ReadCsv($"""
            {Header},kind,lineKind
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,13200,20,proforma,abonnement
            """);

        Assert.Equal(["invoice.csv.lineKind.unknown", "invoice.csv.kind.unknown"], result.Errors["line 2"].Select(m => m.Code));
    }

    [Fact]
    public void The_vat_breakdown_is_one_per_rate_rounded_to_the_cent()
    {
        var invoice = Readable(ReadCsv($"""
            {Header}
            FA-1,2026-11-30,Antares Services,Acme Industries,Licences,3,33.33,99.99,20
            ,,,,Formation,1,100.05,100.05,5.5
            ,,,,Maintenance,1,0.03,0.03,20
            """));

        Assert.Equal([new VatBreakdown(20m, 100.02m, 20.00m), new VatBreakdown(5.5m, 100.05m, 5.50m)], invoice.Vat);
        Assert.Equal(new InvoiceTotals(200.07m, 0m, 0m, 200.07m, 25.50m, 225.57m, 225.57m), invoice.Totals);
    }

    [Fact]
    public void Line_numbers_given_twice_or_unreadable_are_refused()
    {
        var result = ReadCsv($"""
            {Header},line
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,13200,20,1
            ,,,,UO-DEV,3,650,1950,20,1
            ,,,,UO-DEV,3,650,1950,20,0
            """);

        Assert.Equal(["line 3", "line 4"], result.Errors.Keys);
        Assert.Equal(["invoice.csv.line.twice", "invoice.csv.line.notNumber"], result.Errors.Keys.Select(k => result.Errors[k][0].Code));
    }

    [Fact]
    public void A_vat_rate_outside_0_to_100_and_a_number_beyond_an_invoices_are_refused()
    {
        var result = ReadCsv($"""
            {Header}
            FA-1,2026-11-30,Antares Services,Acme Industries,Redevance,1,13200,2000000000000000,120
            """);

        Assert.Equal(["invoice.value.outOfRange", "invoice.vatRate.outOfRange"], result.Errors["line 2"].Select(m => m.Code));
        Assert.Equal("netAmount: the value is beyond what an invoice states (at most 1,000,000,000,000,000, plus or minus).", result.Errors["line 2"][0].English);
    }

    [Fact]
    public void A_header_without_lines_and_an_empty_file_are_refused()
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.csv.empty"), SingleError(ReadCsv(Header + "\n\n")));
        Assert.Equal((ImportErrors.FileKey, "invoice.csv.noHeader"), SingleError(ReadCsv("\n\n")));
    }

    [Fact]
    public void A_windows_1252_file_keeps_its_accents()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes($"""
            {Header.Replace(',', ';')}
            FA-1;2026-11-30;Antares Services;Acme Industries;Pénalités SLA octobre 2026;-1;500;-500;20
            """);

        Assert.Equal("Pénalités SLA octobre 2026", Readable(InvoiceCsvReader.Read(bytes)).Lines[0].Description);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_on_its_line()
    {
        var result = ReadCsv($"""
            {Header}
            FA-1,2026-11-30,Antares Services,Acme Industries,"Redevance,1,13200,13200,20
            """);

        Assert.Null(result.Invoice);
        Assert.Equal(("line 2", "import.csv.quoteNotClosed"), SingleError(result));
        Assert.Equal("line: a quoted value is never closed.", result.Errors["line 2"][0].English);
    }
}
