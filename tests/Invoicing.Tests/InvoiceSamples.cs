using System.Text;
using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using PdfSharp.Pdf;

namespace Infogerance.Invoicing.Tests;

/// <summary>
/// The sample files (tests/Invoicing.Tests/Samples): one month, November 2026, of contract ACME-INFOG-01, billed by
/// Antares Services to Acme Industries in each format, and what each reads to.
/// </summary>
public static class InvoiceSamples
{
    public const string CiiEn16931 = "cii-en16931-invoice.xml";
    public const string CiiBasic = "cii-basic-invoice.xml";
    public const string UblInvoice = "ubl-invoice.xml";
    public const string UblCreditNote = "ubl-credit-note.xml";
    public const string Csv = "invoice.csv";

    public static readonly InvoiceParty Antares = new("Antares Services", "812345676", "FR19812345676");
    public static readonly InvoiceParty Acme = new("Acme Industries", "798765434", "FR69798765434");
    public static readonly InvoicePeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name)).TrimStart('\uFEFF');

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The November invoice as its EN 16931 files state it (CII EN 16931 profile, UBL).</summary>
    public static InvoiceDocument November2026Invoice() => new(
        "FA-2026-1142",
        new DateOnly(2026, 11, 30),
        InvoiceKinds.Invoice,
        "EUR",
        Antares,
        Acme,
        "ACME-INFOG-01",
        PrecedingInvoice: null,
        November,
        [
            new InvoiceLine(1, "Redevance mensuelle forfaitaire novembre 2026", 1m, 13_200m, 13_200m, 20m, "MON", Period: November, ItemCode: "FORFAIT-RUN"),
            new InvoiceLine(2, "Unités d'œuvre développement", 3m, 650m, 1_950m, 20m, "C62", ItemCode: "UO-DEV",
                Note: "Tickets CHG-2026-311, CHG-2026-318 et CHG-2026-322."),
            new InvoiceLine(3, "Évolution EVO-2026-014 : connecteur SIRH", 1m, 4_200m, 4_200m, 20m, "C62", ItemCode: "EVOL", EvolutionReference: "EVO-2026-014"),
            new InvoiceLine(4, "Pénalités SLA octobre 2026", -1m, 500m, -500m, 20m, "C62", ItemCode: "PENALITE"),
        ],
        [],
        [new VatBreakdown(20m, 18_850m, 3_770m, "S")],
        new InvoiceTotals(18_850m, 0m, 0m, 18_850m, 3_770m, 22_620m, 22_620m),
        new DateOnly(2026, 12, 30));

    /// <summary>The same invoice in the BASIC profile, which has no seller's item identifiers nor line object references.</summary>
    public static InvoiceDocument November2026BasicInvoice()
    {
        var full = November2026Invoice();
        return full with
        {
            Lines =
            [
                .. full.Lines.Select(line => line with
                {
                    ItemCode = null,
                    EvolutionReference = null,
                    Description = line.Position == 2 ? "UO-DEV unités d'œuvre développement" : line.Description,
                }),
            ],
        };
    }

    /// <summary>The same invoice as the CSV states it: the provider's line kinds, no line periods, no VAT category; totals summed.</summary>
    public static InvoiceDocument November2026CsvInvoice()
    {
        var full = November2026Invoice();
        string[] kinds = [InvoiceLineKinds.MonthlyFee, InvoiceLineKinds.WorkUnit, InvoiceLineKinds.Evolution, InvoiceLineKinds.PenaltyCredit];
        return full with
        {
            Lines = [.. full.Lines.Select(line => line with { Period = null, Kind = kinds[line.Position - 1] })],
            Vat = [new VatBreakdown(20m, 18_850m, 3_770m)],
        };
    }

    /// <summary>The UBL credit note: one development work unit billed twice on FA-2026-1142.</summary>
    public static InvoiceDocument December2026CreditNote() => new(
        "AV-2026-0031",
        new DateOnly(2026, 12, 4),
        InvoiceKinds.CreditNote,
        "EUR",
        Antares,
        Acme,
        "ACME-INFOG-01",
        "FA-2026-1142",
        November,
        [new InvoiceLine(1, "Unités d'œuvre développement", 1m, 650m, 650m, 20m, "C62", ItemCode: "UO-DEV")],
        [],
        [new VatBreakdown(20m, 650m, 130m, "S")],
        new InvoiceTotals(650m, 0m, 0m, 650m, 130m, 780m, 780m),
        new DateOnly(2026, 12, 4));

    /// <summary>A PDF of one blank page carrying <paramref name="attachments"/> as embedded files, as a Factur-X producer attaches its XML.</summary>
    public static byte[] Pdf(params (string Name, byte[] Content)[] attachments)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Facture FA-2026-1142";
        document.AddPage();
        foreach (var (name, content) in attachments)
        {
            document.AddEmbeddedFile(name, new MemoryStream(content));
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A compressed Factur-X PDF as most producers write it (<see cref="HandMadePdf"/>).</summary>
    public static byte[] CompressedFacturXPdf(string name, byte[] xml) => HandMadePdf.FacturX(name, xml);

    /// <summary>A PDF whose attachment inflates to <paramref name="megabytes"/> MB of XML: a few hundred kilobytes on disk.</summary>
    public static byte[] DecompressionBomb(int megabytes) => HandMadePdf.FacturX("factur-x.xml", zlib =>
    {
        zlib.Write("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">"u8);
        var spaces = new byte[1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var i = 0; i < megabytes; i++)
        {
            zlib.Write(spaces);
        }

        zlib.Write("</rsm:CrossIndustryInvoice>"u8);
    });

    /// <summary>The invoice read, asserting there was no error.</summary>
    public static InvoiceDocument Readable((InvoiceDocument? Invoice, ImportErrors Errors) result)
    {
        Assert.Empty(result.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));
        Assert.NotNull(result.Invoice);
        return result.Invoice;
    }

    /// <summary>Every term equal: the lists element by element (records compare lists by reference).</summary>
    public static void AssertSameInvoice(InvoiceDocument expected, InvoiceDocument actual)
    {
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.AllowancesCharges, actual.AllowancesCharges);
        Assert.Equal(expected.Vat, actual.Vat);
        Assert.Equal(expected, actual with { Lines = expected.Lines, AllowancesCharges = expected.AllowancesCharges, Vat = expected.Vat });
    }

    /// <summary>The one error of a file that is refused: its key and message code.</summary>
    public static (string Key, string Code) SingleError((InvoiceDocument? Invoice, ImportErrors Errors) result)
    {
        Assert.Null(result.Invoice);
        var key = Assert.Single(result.Errors.Keys);
        return (key, Assert.Single(result.Errors[key]).Code);
    }
}
