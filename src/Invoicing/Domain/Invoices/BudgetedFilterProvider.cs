using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// PdfPig's own filters, with a budget on what they decode for one document: a PDF of a few megabytes can hold streams
/// that inflate to gigabytes (a "zip bomb"). A Flate stream is first inflated into nothing, counting, and refused before
/// its bytes are allocated when it would overrun the budget. Only the streams the reader touches are decoded (the
/// cross-reference and object streams, the attachments), never the pages.
/// </summary>
internal sealed class BudgetedFilterProvider(long budget) : IFilterProvider
{
    private long _left = budget;

    public sealed class BudgetExceededException() : Exception("The PDF's streams decode to more than the budget.");

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Budgeted(DefaultFilterProvider.Instance.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Budgeted(DefaultFilterProvider.Instance.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Budgeted(DefaultFilterProvider.Instance.GetAllFilters());

    private List<IFilter> Budgeted(IReadOnlyList<IFilter> filters) => [.. filters.Select(filter => (IFilter)new BudgetedFilter(filter, this))];

    private void Spend(long bytes)
    {
        _left -= bytes;
        if (_left < 0)
        {
            throw new BudgetExceededException();
        }
    }

    /// <summary>How many bytes a Flate stream inflates to, counting at most <paramref name="limit"/> + 1; null when it is not plain zlib (then PdfPig's filter decides).</summary>
    private static long? InflatedLength(Memory<byte> input, long limit)
    {
        var segment = MemoryMarshal.TryGetArray<byte>(input, out var array) ? array : new ArraySegment<byte>(input.ToArray());
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false), CompressionMode.Decompress);
            var buffer = new byte[81_920];
            long total = 0;
            int read;
            while (total <= limit && (read = inflater.Read(buffer)) > 0)
            {
                total += read;
            }

            return total;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private sealed class BudgetedFilter(IFilter filter, BudgetedFilterProvider budget) : IFilter
    {
        public bool IsSupported => filter.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (filter is FlateFilter && InflatedLength(input, budget._left) > budget._left)
            {
                throw new BudgetExceededException();
            }

            var output = filter.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length);
            return output;
        }
    }
}
