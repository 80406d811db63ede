using System.Globalization;
using System.Text;

namespace Infogerance.Validation;

/// <summary>
/// What a person typed in a list's search box, ready for SQL: a <c>LIKE</c> pattern that finds the text anywhere (its
/// own <c>%</c>, <c>_</c> and <c>\</c> taken literally), and the number it reads as, if it is one (<c>1234</c> or
/// <c>#1234</c>), for lists whose rows have a number.
/// </summary>
public sealed record ListSearch(string Text, string Pattern, long? Number)
{
    public const int MaxLength = 100;

    /// <summary>The search of <paramref name="q"/>: null when it is empty or blank, or (with an error on <paramref name="field"/>) too long.</summary>
    public static ListSearch? Parse(FieldErrors errors, string field, string? q)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = q?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > MaxLength || text.Any(char.IsControl))
        {
            errors.Add(field, ListMessages.Search(MaxLength));
            return null;
        }

        var digits = text.StartsWith('#') ? text[1..] : text;
        long? number = digits.Length is > 0 and <= 18 && digits.All(char.IsAsciiDigit)
            ? long.Parse(digits, CultureInfo.InvariantCulture)
            : null;
        var pattern = new StringBuilder("%");
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return new ListSearch(text, pattern.Append('%').ToString(), number);
    }
}

/// <summary>The column a list is sorted by and its direction, read from <c>sort</c> and <c>order</c>.</summary>
public sealed record ListOrder(string Sort, bool Descending)
{
    public const string Ascending = "asc";
    public const string Descend = "desc";

    /// <summary>
    /// The order asked, or the list's default: <paramref name="sort"/> among <paramref name="sorts"/>, <paramref name="order"/>
    /// <c>asc</c> or <c>desc</c> (by default the sort's own, descending for those in <paramref name="descendingByDefault"/>).
    /// Null with an error naming <c>sort</c> or <c>order</c> for any other value.
    /// </summary>
    public static ListOrder? Parse(
        FieldErrors errors, string? sort, string? order, IReadOnlyList<string> sorts, string defaultSort, IReadOnlyCollection<string>? descendingByDefault = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(sorts);
        sort ??= defaultSort;
        var valid = true;
        if (!sorts.Contains(sort))
        {
            errors.Add("sort", ListMessages.Sort(sorts));
            valid = false;
        }

        if (order is not (null or Ascending or Descend))
        {
            errors.Add("order", ListMessages.Order);
            valid = false;
        }

        return valid ? new ListOrder(sort, order is null ? descendingByDefault?.Contains(sort) == true : order == Descend) : null;
    }
}

/// <summary>The messages of a list's search and sort parameters.</summary>
public static class ListMessages
{
    public static Message Search(int max) =>
        new Message("list.search", $"Search for at most {max} characters, without control characters.",
            $"Cherchez au plus {max} caractères, sans caractère de contrôle.").With("max", max);

    public static Message Sort(IReadOnlyList<string> sorts)
    {
        var list = string.Join(", ", sorts);
        return new Message("list.sort", $"Sort by one of {list}.", $"Triez par l'un de {list}.").With("allowed", sorts);
    }

    public static readonly Message Order = new Message("list.order", "The order is asc or desc.", "L'ordre est asc ou desc (croissant ou décroissant).")
        .With("allowed", new[] { ListOrder.Ascending, ListOrder.Descend });
}
