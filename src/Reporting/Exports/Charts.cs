using Infogerance.Reporting.Domain;
using ScottPlot;

namespace Infogerance.Reporting.Exports;

/// <summary>The charts of the PDF exports, drawn by ScottPlot as PNG images at twice their printed size (sharp on paper).</summary>
public static class Charts
{
    private const int Width = 760;
    private const int Height = 300;

    private static readonly Color Rate = Color.FromHex("#1971C2");
    private static readonly Color TargetColor = Color.FromHex("#212529");
    private static readonly Color Opened = Color.FromHex("#1971C2");
    private static readonly Color Resolved = Color.FromHex("#2F9E44");
    private static readonly Color Backlog = Color.FromHex("#F08C00");

    /// <summary>
    /// Each priority and clock that completed clocks or has a target: its success rate as a bar, its target as a line
    /// across the bar. Null when there is nothing to draw.
    /// </summary>
    public static byte[]? SlaRates(IReadOnlyList<SlaRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var shown = rates.Where(r => r.Completed > 0 || r.TargetPercent is not null).ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        EmbeddedFonts.Install();
        using var plot = new Plot();
        for (var i = 0; i < shown.Count; i++)
        {
            var rate = shown[i];
            plot.Add.Bar(new Bar { Position = i, Value = (double)(rate.SuccessRate ?? 0), FillColor = Rate, LineWidth = 0, Size = 0.6 });
            if (rate.TargetPercent is { } target)
            {
                var line = plot.Add.Line(i - 0.4, (double)target, i + 0.4, (double)target);
                line.LineColor = TargetColor;
                line.LineWidth = 3;
            }
        }

        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, shown.Count).Select(i => (double)i)],
            [.. shown.Select(r => $"{r.Priority} {ExportTexts.ClockName(r.Clock).ToLower(ExportTexts.Culture)}")]);
        plot.Axes.SetLimits(-0.6, shown.Count - 0.4, 0, 105);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = ExportTexts.Rate.Text, FillColor = Rate });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = ExportTexts.Target.Text, LineColor = TargetColor, LineWidth = 3 });
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return Render(plot, ExportTexts.SlaChart.Text);
    }

    /// <summary>Tickets opened and resolved in each month, and the backlog at its end, side by side.</summary>
    public static byte[] Volumes(IReadOnlyList<Scorecard> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        EmbeddedFonts.Install();
        using var plot = new Plot();
        var series = new (Color Color, Func<Scorecard, int> Value, string Label)[]
        {
            (Opened, m => m.Opened, ExportTexts.FigureName(Figures.Opened)),
            (Resolved, m => m.Resolved, ExportTexts.FigureName(Figures.Resolved)),
            (Backlog, m => m.Backlog, ExportTexts.FigureName(Figures.Backlog)),
        };
        for (var m = 0; m < months.Count; m++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                plot.Add.Bar(new Bar { Position = (m * 4) + s, Value = series[s].Value(months[m]), FillColor = series[s].Color, LineWidth = 0 });
            }
        }

        foreach (var (color, _, label) in series)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }

        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, months.Count).Select(m => (m * 4) + 1.0)], [.. months.Select(m => ExportTexts.Month(m.Month))]);
        plot.Axes.Margins(bottom: 0);
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        return Render(plot, ExportTexts.VolumeChart.Text);
    }

    private static byte[] Render(Plot plot, string title)
    {
        plot.Title(title, size: 15);
        plot.ScaleFactor = 2;
        return plot.GetImageBytes(Width * 2, Height * 2, ImageFormat.Png);
    }
}
