using PdfSharp.Fonts;
using SkiaSharp;

namespace Infogerance.Reporting.Exports;

/// <summary>
/// The one typeface of the exports, DejaVu Sans Condensed, shipped inside the assembly: the PDFs and their charts read
/// the same on every machine, whether it has fonts installed or not (a fresh server or container has none), and carry
/// the accents and the euro sign of both languages.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver, ScottPlot.IFontResolver
{
    public const string Family = "DejaVu Sans Condensed";
    private const string Regular = "Fonts/DejaVuSansCondensed.ttf";
    private const string Bold = "Fonts/DejaVuSansCondensed-Bold.ttf";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Read(Regular));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Read(Bold));
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Makes the embedded typeface the one PDFsharp and ScottPlot draw with, once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            var fonts = new EmbeddedFonts();
            GlobalFontSettings.FontResolver = fonts;
            ScottPlot.Fonts.FontResolvers.Insert(0, fonts);
            ScottPlot.Fonts.Default = Family;
            ScottPlot.Fonts.Sans = Family;
            _installed = true;
        }
    }

    // PDFsharp: every family and style asked for is the embedded one (bold when asked).
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName) => faceName == Bold ? BoldBytes.Value : RegularBytes.Value;

    // ScottPlot: the same typeface for every text of a chart.
    public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => Typeface(bold);

    public SKTypeface CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
        Typeface(weight >= ScottPlot.FontWeight.SemiBold);

    private static SKTypeface Typeface(bool bold)
    {
        using var data = SKData.CreateCopy(bold ? BoldBytes.Value : RegularBytes.Value);
        return SKTypeface.FromData(data);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
