using System.IO.Compression;
using System.Text;

namespace Infogerance.Invoicing.Tests;

/// <summary>
/// A PDF written byte by byte as Factur-X producers write theirs: one blank page, the XML compressed (FlateDecode),
/// listed in the catalog's /AF with its /AFRelationship, under the /EmbeddedFiles name tree. A second producer beside
/// PDFsharp, with no package, so the benchmarks can build their Factur-X files the same way.
/// </summary>
public static class HandMadePdf
{
    public static byte[] FacturX(string name, byte[] xml) => FacturX(name, zlib => zlib.Write(xml));

    /// <param name="writeXml">Writes the attachment into the compressing stream (a large one need never be held whole).</param>
    public static byte[] FacturX(string name, Action<Stream> writeXml)
    {
        ArgumentNullException.ThrowIfNull(writeXml);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            writeXml(zlib);
        }

        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => output.Write(Encoding.Latin1.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(output.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        // The second line's high bytes tell file transfer tools the file is binary, as the PDF format recommends.
        Write("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n");
        Object($"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [({name}) 4 0 R] >> >> /AF [4 0 R] >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        Object($"<< /Type /Filespec /F ({name}) /UF ({name}) /AFRelationship /Alternative /Desc (Factur-X) /EF << /F 5 0 R /UF 5 0 R >> >>");
        offsets.Add(output.Position);
        Write($"5 0 obj\n<< /Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n");
        output.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        Write("\nendstream\nendobj\n");

        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}
