using System.Globalization;
using System.Text;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Infogerance.Invoicing.Domain;
using Infogerance.Invoicing.Tests;

namespace Infogerance.Benchmarks;

/// <summary>
/// Reading a provider's invoice of 2,000 lines (pure CPU, no I/O) in each format, through <see cref="InvoiceReaders.Read"/>
/// as an upload would be: format detection, then the reader. The files are the test samples (November 2026 of
/// ACME-INFOG-01) with their work-unit line repeated 2,000 times; the Factur-X PDF carries the CII file compressed.
/// </summary>
[MemoryDiagnoser]
public class InvoiceImport
{
    private const int LineCount = 2_000;

    private byte[] _cii = null!;
    private byte[] _ubl = null!;
    private byte[] _csv = null!;
    private byte[] _facturX = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cii = WithLines(Sample("cii-en16931-invoice.xml"), CiiReader.Ram + "IncludedSupplyChainTradeLineItem", (line, n) =>
            line.Element(CiiReader.Ram + "AssociatedDocumentLineDocument")!.Element(CiiReader.Ram + "LineID")!.Value = n);
        _ubl = WithLines(Sample("ubl-invoice.xml"), UblReader.Cac + "InvoiceLine", (line, n) => line.Element(UblReader.Cbc + "ID")!.Value = n);
        _facturX = HandMadePdf.FacturX("factur-x.xml", _cii);

        var rows = Encoding.UTF8.GetString(File.ReadAllBytes(SamplePath("invoice.csv"))).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csv = new StringBuilder().AppendLine(rows[0]).AppendLine(rows[1]);
        // The work-unit row with the document's fields left empty, numbered from 2.
        var cells = rows[2].Split(';');
        for (var i = 0; i < 15; i++)
        {
            cells[i] = "";
        }

        for (var n = 2; n <= LineCount; n++)
        {
            cells[14] = n.ToString(CultureInfo.InvariantCulture);
            csv.AppendLine(string.Join(';', cells));
        }

        _csv = Encoding.UTF8.GetBytes(csv.ToString());

        foreach (var (name, content) in new[] { ("CII", _cii), ("UBL", _ubl), ("CSV", _csv), ("Factur-X", _facturX) })
        {
            var (invoice, errors) = InvoiceReaders.Read("invoice", null, content);
            if (invoice?.Lines.Count != LineCount)
            {
                throw new InvalidOperationException($"The {name} file does not read to {LineCount} lines: {string.Join("; ", errors.Keys)}");
            }

            Console.WriteLine($"// {name}: {content.Length:N0} bytes");
        }
    }

    [Benchmark(Baseline = true, Description = "CII XML, 2,000 lines")]
    public InvoiceDocument? Cii() => InvoiceReaders.Read("invoice.xml", null, _cii).Invoice;

    [Benchmark(Description = "UBL XML, 2,000 lines")]
    public InvoiceDocument? Ubl() => InvoiceReaders.Read("invoice.xml", null, _ubl).Invoice;

    [Benchmark(Description = "Factur-X PDF, 2,000 lines")]
    public InvoiceDocument? FacturX() => InvoiceReaders.Read("invoice.pdf", null, _facturX).Invoice;

    [Benchmark(Description = "CSV, 2,000 lines")]
    public InvoiceDocument? Csv() => InvoiceReaders.Read("invoice.csv", null, _csv).Invoice;

    /// <summary>A short in-process run; BenchmarkDotNet's own arguments pass through.</summary>
    public static int Run(string[] args)
    {
        var summary = BenchmarkRunner.Run<InvoiceImport>(
            DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "infogerance-benchmarks")),
            args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    private static XDocument Sample(string name) => XDocument.Load(SamplePath(name));

    /// <summary>The document with its lines replaced by <see cref="LineCount"/> copies of the second one, numbered.</summary>
    private static byte[] WithLines(XDocument document, XName lineName, Action<XElement, string> number)
    {
        var lines = document.Descendants(lineName).ToList();
        var template = lines[1];
        var anchor = lines[^1];
        for (var n = LineCount; n >= 1; n--)
        {
            var copy = new XElement(template);
            number(copy, n.ToString(CultureInfo.InvariantCulture));
            anchor.AddAfterSelf(copy);
        }

        lines.ForEach(line => line.Remove());
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
