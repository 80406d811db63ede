using System.Text;

namespace Infogerance.Incidents.Domain;

/// <summary>The columns a ticket list sorts on; ties always fall back on the ticket's id, so pages never overlap.</summary>
public static class TicketSorts
{
    /// <summary>The SLA queue: the earliest due time first, tickets whose clocks do not count last.</summary>
    public const string Urgency = "urgency";

    /// <summary>By opening (the ticket's time-ordered id), newest first unless <c>order=asc</c>.</summary>
    public const string Newest = "newest";

    public const string Number = "number";
    public const string Title = "title";
    public const string Priority = "priority";

    /// <summary>In the order of the workflow (new … closed), not alphabetically.</summary>
    public const string Status = "status";

    public const string Requester = "requester";

    public static readonly IReadOnlyList<string> All = [Urgency, Newest, Number, Title, Priority, Status, Requester];

    /// <summary>The sorts read newest or largest first when no order is given.</summary>
    public static readonly IReadOnlyList<string> DescendingByDefault = [Newest];
}

/// <summary>
/// An opaque keyset cursor: the list's sort and direction, the last row's sort key and its id. A cursor read back
/// under another sort or direction is refused rather than giving a page that overlaps or skips.
/// </summary>
public static class TicketCursor
{
    private const char Separator = '\u001f';

    public static string Write(string sort, bool descending, Guid lastId, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(Separator, sort, descending ? "d" : "a", lastId.ToString("N"), key)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The last row's id and sort key, or null when the cursor was not written by this list in this order.</summary>
    public static (Guid Id, string Key)? Read(string cursor, string sort, bool descending)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(Separator);
            return parts.Length == 4 && parts[0] == sort && parts[1] == (descending ? "d" : "a") && Guid.TryParseExact(parts[2], "N", out var id)
                ? (id, parts[3])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
