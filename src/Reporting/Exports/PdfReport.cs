using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Infogerance.Reporting.Exports;

/// <summary>A cell of a PDF table: its text and, for a figure's status, the green, amber or red it shows as a dot.</summary>
public sealed record Cell(string Text, string? Status = null)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>
/// Lays out an A4 report top to bottom: titles, paragraphs, tables whose cells wrap, and images, starting a new page
/// when the next block does not fit; every page gets the document's name and its number at the foot.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 42;
    private const double FooterHeight = 24;
    private const double CellPadding = 3;

    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    private static readonly XColor Rule = XColor.FromArgb(206, 212, 218);
    private static readonly XColor HeaderFill = XColor.FromArgb(233, 236, 239);

    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly XFont _title;
    private readonly XFont _heading;
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _small;
    private XGraphics? _graphics;
    private double _y;

    public PdfReport(string title, string footer)
    {
        EmbeddedFonts.Install();
        _footer = footer;
        _document.Info.Title = title;
        _document.Info.Creator = "Infogérance";
        _title = new XFont(EmbeddedFonts.Family, 17, XFontStyleEx.Bold);
        _heading = new XFont(EmbeddedFonts.Family, 12, XFontStyleEx.Bold);
        _body = new XFont(EmbeddedFonts.Family, 9, XFontStyleEx.Regular);
        _bold = new XFont(EmbeddedFonts.Family, 9, XFontStyleEx.Bold);
        _small = new XFont(EmbeddedFonts.Family, 7.5, XFontStyleEx.Regular);
        NewPage();
    }

    private static double PageWidth => 595;
    private static double PageHeight => 842;
    private static double ContentWidth => PageWidth - (2 * Margin);
    private XGraphics Graphics => _graphics!;

    public void Title(string text, string? subtitle = null)
    {
        Write(text, _title, Ink, ContentWidth);
        if (subtitle is not null)
        {
            Write(subtitle, _body, Muted, ContentWidth);
        }

        _y += 6;
    }

    public void Heading(string text)
    {
        Ensure(_heading.Height * 3);
        _y += 8;
        Write(text, _heading, Ink, ContentWidth);
        Graphics.DrawLine(new XPen(Rule, 0.8), Margin, _y, Margin + ContentWidth, _y);
        _y += 5;
    }

    public void Paragraph(string text, bool muted = false, bool bold = false)
    {
        Write(text, bold ? _bold : _body, muted ? Muted : Ink, ContentWidth);
        _y += 3;
    }

    /// <summary>A table: <paramref name="widths"/> are the columns' shares of the width; the header repeats on each new page.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(rows);
        var total = widths.Sum();
        var columns = widths.Select(w => w / total * ContentWidth).ToList();
        var header = headers.Select(h => new Cell(h)).ToList();
        Row(header, columns, _bold, HeaderFill);
        foreach (var row in rows)
        {
            if (Row(row, columns, _body, null, dryRun: true) > PageHeight - Margin - FooterHeight - _y)
            {
                NewPage();
                Row(header, columns, _bold, HeaderFill);
            }

            Row(row, columns, _body, null);
        }

        _y += 8;
    }

    /// <summary>A picture (a chart) across the width, its height kept in proportion.</summary>
    public void Image(byte[] png, double widthShare = 1)
    {
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        var width = ContentWidth * widthShare;
        var height = width * image.PixelHeight / image.PixelWidth;
        Ensure(height + 6);
        Graphics.DrawImage(image, Margin, _y, width, height);
        _y += height + 8;
    }

    /// <summary>The document, with every page's foot written.</summary>
    public byte[] Save()
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageHeight - Margin + 6;
            graphics.DrawLine(new XPen(Rule, 0.5), Margin, y - 4, Margin + ContentWidth, y - 4);
            graphics.DrawString(_footer, _small, new XSolidBrush(Muted), new XRect(Margin, y, ContentWidth, 12), XStringFormats.TopLeft);
            graphics.DrawString(string.Format(ExportTexts.Culture, ExportTexts.Page.Text, i + 1, count), _small, new XSolidBrush(Muted),
                new XRect(Margin, y, ContentWidth, 12), XStringFormats.TopRight);
        }

        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private void Ensure(double height)
    {
        if (_y + height > PageHeight - Margin - FooterHeight)
        {
            NewPage();
        }
    }

    private void Write(string text, XFont font, XColor color, double width)
    {
        var brush = new XSolidBrush(color);
        foreach (var line in Wrap(text, font, width))
        {
            Ensure(font.Height);
            Graphics.DrawString(line, font, brush, new XRect(Margin, _y, width, font.Height), XStringFormats.TopLeft);
            _y += font.Height * 1.15;
        }
    }

    /// <summary>Draws a row (or only measures it when <paramref name="dryRun"/>); returns its height.</summary>
    private double Row(IReadOnlyList<Cell> cells, IReadOnlyList<double> columns, XFont font, XColor? fill, bool dryRun = false)
    {
        var lineHeight = font.Height * 1.15;
        var lines = cells.Select((cell, i) => Wrap(cell.Text, font, columns[i] - (2 * CellPadding) - (cell.Status is null ? 0 : 9))).ToList();
        var height = (lines.Max(l => l.Count) * lineHeight) + (2 * CellPadding);
        if (dryRun)
        {
            return height;
        }

        Ensure(height);
        var x = Margin;
        if (fill is { } background)
        {
            Graphics.DrawRectangle(new XSolidBrush(background), Margin, _y, ContentWidth, height);
        }

        var brush = new XSolidBrush(Ink);
        for (var i = 0; i < cells.Count; i++)
        {
            var textX = x + CellPadding;
            if (cells[i].Status is { } status)
            {
                Graphics.DrawEllipse(new XSolidBrush(StatusColor(status)), textX, _y + CellPadding + (lineHeight / 2) - 3.5, 7, 7);
                textX += 9;
            }

            var y = _y + CellPadding;
            foreach (var line in lines[i])
            {
                Graphics.DrawString(line, font, brush, new XRect(textX, y, columns[i] - (2 * CellPadding), lineHeight), XStringFormats.TopLeft);
                y += lineHeight;
            }

            x += columns[i];
        }

        _y += height;
        Graphics.DrawLine(new XPen(Rule, 0.5), Margin, _y, Margin + ContentWidth, _y);
        return height;
    }

    /// <summary>The lines <paramref name="text"/> takes within <paramref name="width"/>, broken between words (a word too long alone is cut).</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Graphics.MeasureString(candidate, font).Width <= width || line.Length == 0 && Fits(word, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font, width))
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;

    private static XColor StatusColor(string status) => status switch
    {
        Domain.FigureStatus.Green => XColor.FromArgb(47, 158, 68),
        Domain.FigureStatus.Amber => XColor.FromArgb(240, 140, 0),
        Domain.FigureStatus.Red => XColor.FromArgb(224, 49, 49),
        _ => XColor.FromArgb(173, 181, 189),
    };
}
