using System.Text.Json;
using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

public enum TicketHistoryFormat { Csv, Json }

/// <summary>The checked tickets, in the order they were opened, and every problem; nothing is imported unless there is none.</summary>
public sealed record TicketHistoryResult(TicketHistoryFormat? Format, IReadOnlyList<ImportedTicket> Tickets, ImportErrors Errors);

/// <summary>
/// Reads the outgoing provider's ticket history, CSV (one line per event, <c>,</c> or <c>;</c>, UTF-8 with or without a
/// byte order mark or Windows-1252, English or French headers and labels) or JSON (<c>{"tickets":[…]}</c>), and checks it
/// with <see cref="TicketHistory"/>'s rules. Never throws for what the file contains. The format is in docs/incidents-api.md.
/// </summary>
public static class TicketHistoryFile
{
    public const int MaxTickets = 10_000;
    public const int MaxLines = 200_000;

    private static readonly string[] TicketColumns = ["kind", "title", "description", "impact", "urgency", "priority", "priorityReason", "level", "requester"];
    private static readonly string[] EventColumns = ["pendingSide", "reason", "resolution", "assignee", "team"];
    private static readonly string[] RequiredColumns = ["reference", "at", "status", "kind", "title", "requester"];

    // Compared by Labels.Key: "Référence", "référence" and "REFERENCE" all match "reference".
    private static readonly LabelAliases HeaderAliases = new(
        ("reference", ["reference", "ref", "externalreference", "referenceexterne", "ticket", "numero", "numeroticket"]),
        ("at", ["at", "date", "datetime", "timestamp", "time", "occurredat", "horodatage", "le", "dateheure", "date/heure", "dateetheure", "quand"]),
        ("status", ["status", "event", "statut", "etat", "evenement"]),
        ("kind", ["kind", "type", "nature"]),
        ("title", ["title", "titre", "objet", "sujet", "summary", "resume"]),
        ("description", ["description", "details", "detail"]),
        ("impact", ["impact"]),
        ("urgency", ["urgency", "urgence"]),
        ("priority", ["priority", "priorite"]),
        ("priorityReason", ["priorityreason", "motifdepriorite", "motifpriorite", "raisonpriorite"]),
        ("level", ["level", "niveau"]),
        ("requester", ["requester", "requestername", "demandeur", "nomdudemandeur"]),
        ("by", ["by", "actor", "author", "par", "auteur", "acteur"]),
        ("pendingSide", ["pendingside", "attentechez", "cotedattente", "enattentede"]),
        ("reason", ["reason", "motif", "raison", "note", "commentaire"]),
        ("resolution", ["resolution", "solution"]),
        ("assignee", ["assignee", "assignedto", "assignea", "assigne", "technicien", "intervenant"]),
        ("team", ["team", "equipe", "groupe"]));

    private static readonly string[] TicketFields = ["reference", "kind", "title", "description", "impact", "urgency", "priority", "priorityReason", "level", "requester", "openedAt", "events"];
    private static readonly string[] EventFields = ["at", "status", "by", "pendingSide", "reason", "resolution", "assignee", "team"];

    /// <summary>JSON by a .json name or, for any other name but .csv, by content starting with '{' or '['.</summary>
    public static TicketHistoryFormat FormatOf(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".json")
        {
            return TicketHistoryFormat.Json;
        }

        if (extension == ".csv")
        {
            return TicketHistoryFormat.Csv;
        }

        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[' ? TicketHistoryFormat.Json : TicketHistoryFormat.Csv;
        }

        return TicketHistoryFormat.Csv;
    }

    public static TicketHistoryResult Read(byte[] content, string fileName, TicketHistoryContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new ImportErrors();
        var format = FormatOf(fileName, content);
        var raw = format == TicketHistoryFormat.Json ? JsonTickets(content, errors) : CsvTickets(content, errors);
        if (errors.Count > 0 && raw.Count == 0)
        {
            return new(format, [], errors);
        }

        if (raw.Count == 0)
        {
            errors.AddFile(TicketImportMessages.NoTickets);
            return new(format, [], errors);
        }

        if (raw.Count > MaxTickets)
        {
            errors.AddFile(TicketImportMessages.TooManyTickets(raw.Count, MaxTickets));
            return new(format, [], errors);
        }

        var tickets = TicketHistory.Check(raw, context, errors);
        return new(format, [.. tickets.OrderBy(t => t.OpenedAt)], errors);
    }

    // ---------------------------------------------------------------- JSON

    private static List<RawTicket> JsonTickets(byte[] content, ImportErrors errors)
    {
        var tickets = new List<RawTicket>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            errors.AddFile(ImportMessages.NotJson((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
            return tickets;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tickets", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                errors.AddFile(TicketImportMessages.NotTicketsObject);
                return tickets;
            }

            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                var path = $"tickets[{i}]";
                var order = (long)i * (TicketHistory.MaxEvents + 2);
                var place = FilePlace.Json(path, order);
                i++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(place, "", TicketImportMessages.TicketNotObject);
                    continue;
                }

                var ticket = new RawTicket { Place = place, OpenedAtField = "openedAt", EventsPlace = FilePlace.Json($"{path}.events", order) };
                foreach (var property in element.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "events":
                            ReadEvents(property.Value, ticket, path, order, errors);
                            break;
                        case "reference" or "level":
                            Set(ticket, property.Name, JsonText(property.Value, place, property.Name, errors, numbers: true));
                            break;
                        case var name when TicketFields.Contains(name):
                            Set(ticket, name, JsonText(property.Value, place, name, errors, numbers: false));
                            break;
                        default:
                            errors.Add(place, property.Name, TicketImportMessages.NotTicketField(TicketFields));
                            break;
                    }
                }

                tickets.Add(ticket);
            }
        }

        return tickets;
    }

    private static void ReadEvents(JsonElement value, RawTicket ticket, string path, long order, ImportErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(ticket.EventsPlace!, "", TicketImportMessages.EventsNotArray);
            return;
        }

        var j = 0;
        foreach (var element in value.EnumerateArray())
        {
            var place = FilePlace.Json($"{path}.events[{j}]", order + 1 + Math.Min(j, TicketHistory.MaxEvents));
            j++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(place, "", TicketImportMessages.EventNotObject);
                continue;
            }

            var change = new RawTicketEvent { Place = place };
            foreach (var property in element.EnumerateObject())
            {
                if (EventFields.Contains(property.Name))
                {
                    Set(change, property.Name, JsonText(property.Value, place, property.Name, errors, numbers: false));
                }
                else
                {
                    errors.Add(place, property.Name, TicketImportMessages.NotEventField(EventFields));
                }
            }

            ticket.Events.Add(change);
        }
    }

    private static string? JsonText(JsonElement value, FilePlace place, string field, ImportErrors errors, bool numbers) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString()!.Contains('\0') => Wrong(place, field, ImportMessages.NulCharacter, errors),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.Number when numbers => value.GetRawText(),
        _ => Wrong(place, field, numbers ? TicketImportMessages.TextOrNumberExpected : TicketImportMessages.TextExpected, errors),
    };

    private static string? Wrong(FilePlace place, string field, Message message, ImportErrors errors)
    {
        errors.Add(place, field, message);
        // Not null: the field was given, so its absence is not reported on top.
        return "\u0000";
    }

    // ---------------------------------------------------------------- CSV

    /// <summary>A line of the file as cells, with the defect the reader stepped over.</summary>
    private sealed record Row(int Line, string[] Cells, Message? Problem);

    private static List<RawTicket> CsvTickets(byte[] bytes, ImportErrors errors)
    {
        var tickets = new List<RawTicket>();
        var byReference = new Dictionary<string, RawTicket>(StringComparer.Ordinal);
        var orphans = new List<(string Reference, FilePlace Place)>();
        Dictionary<int, string>? columnAt = null;
        var count = 0;

        foreach (var row in CsvRows(bytes))
        {
            if (row.Problem is null && row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var place = FilePlace.Line(row.Line);
            if (columnAt is null)
            {
                columnAt = Header(row, place, errors);
                if (errors.Count > 0)
                {
                    // Without a sound header every value would land in the wrong field: report the header alone.
                    return [];
                }

                continue;
            }

            if (++count > MaxLines)
            {
                errors.AddFile(TicketImportMessages.TooManyLines(MaxLines));
                return [];
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < row.Cells.Length; i++)
            {
                var value = row.Cells[i].Trim();
                if (columnAt.TryGetValue(i, out var field))
                {
                    values[field] = value.Length == 0 ? null : value;
                }
                else if (value.Length > 0)
                {
                    errors.Add(place, FilePlace.Column(i + 1), ImportMessages.ValueUnderNoHeading(value));
                }
            }

            if (row.Problem is not null)
            {
                errors.Add(place, "line", row.Problem);
                continue;
            }

            var reference = values.GetValueOrDefault("reference");
            if (reference is null)
            {
                errors.Add(place, "reference", TicketImportMessages.LineReferenceRequired);
                continue;
            }

            if (TicketHistory.StatusOf(values.GetValueOrDefault("status")) == Statuses.New)
            {
                if (byReference.TryGetValue(reference, out var opened))
                {
                    errors.Add(place, "status", TicketImportMessages.AlreadyOpened(reference, opened.Place));
                    continue;
                }

                var ticket = new RawTicket
                {
                    Place = place, OpenedAtField = "at", Reference = reference, OpenedAt = values.GetValueOrDefault("at"), By = values.GetValueOrDefault("by"),
                };
                foreach (var field in TicketColumns)
                {
                    Set(ticket, field, values.GetValueOrDefault(field));
                }

                foreach (var field in EventColumns.Where(f => values.GetValueOrDefault(f) is not null))
                {
                    errors.Add(place, field, TicketImportMessages.ChangeFieldOnOpening);
                }

                byReference[reference] = ticket;
                tickets.Add(ticket);
                continue;
            }

            if (!byReference.TryGetValue(reference, out var owner))
            {
                orphans.Add((reference, place));
                continue;
            }

            foreach (var field in TicketColumns)
            {
                if (values.GetValueOrDefault(field) is { } repeated && (Get(owner, field) is not { } given || Labels.Key(repeated) != Labels.Key(given)))
                {
                    errors.Add(place, field, TicketImportMessages.DiffersFromOpening(owner.Place));
                }
            }

            var change = new RawTicketEvent { Place = place };
            foreach (var field in EventFields)
            {
                Set(change, field, values.GetValueOrDefault(field));
            }

            owner.Events.Add(change);
        }

        if (columnAt is null)
        {
            errors.AddFile(TicketImportMessages.EmptyFile);
            return [];
        }

        foreach (var (reference, place) in orphans)
        {
            errors.Add(place, "status", byReference.TryGetValue(reference, out var opened)
                ? TicketImportMessages.BeforeItsOpening(reference, opened.Place)
                : TicketImportMessages.NoOpening(reference));
        }

        return tickets;
    }

    private static Dictionary<int, string> Header(Row row, FilePlace place, ImportErrors errors)
    {
        if (row.Problem is not null)
        {
            errors.Add(place, "line", row.Problem);
        }

        var columnAt = HeaderAliases.Columns(row.Cells, place, errors, label => TicketImportMessages.UnknownColumn(label, HeaderAliases.Codes));

        foreach (var missing in RequiredColumns.Where(c => !columnAt.ContainsValue(c)))
        {
            errors.Add(place, missing, ImportMessages.ColumnMissing);
        }

        if (!columnAt.ContainsValue("priority") && !(columnAt.ContainsValue("impact") && columnAt.ContainsValue("urgency")))
        {
            errors.Add(place, "impact", TicketImportMessages.NeedsPriorityColumns);
        }

        return columnAt;
    }

    private static IEnumerable<Row> CsvRows(byte[] bytes) =>
        CsvText.ReadRows(bytes, HeaderAliases.Knows)
            .Select(row => new Row(row.LineNumber, row.Cells, row.Problem));


    // ---------------------------------------------------------------- fields by name

    private static void Set(RawTicket ticket, string field, string? value)
    {
        switch (field)
        {
            case "reference": ticket.Reference = value; break;
            case "kind": ticket.Kind = value; break;
            case "title": ticket.Title = value; break;
            case "description": ticket.Description = value; break;
            case "impact": ticket.Impact = value; break;
            case "urgency": ticket.Urgency = value; break;
            case "priority": ticket.Priority = value; break;
            case "priorityReason": ticket.PriorityReason = value; break;
            case "level": ticket.Level = value; break;
            case "requester": ticket.Requester = value; break;
            case "openedAt": ticket.OpenedAt = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    private static string? Get(RawTicket ticket, string field) => field switch
    {
        "kind" => ticket.Kind,
        "title" => ticket.Title,
        "description" => ticket.Description,
        "impact" => ticket.Impact,
        "urgency" => ticket.Urgency,
        "priority" => ticket.Priority,
        "priorityReason" => ticket.PriorityReason,
        "level" => ticket.Level,
        "requester" => ticket.Requester,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static void Set(RawTicketEvent change, string field, string? value)
    {
        switch (field)
        {
            case "at": change.At = value; break;
            case "status": change.Status = value; break;
            case "by": change.By = value; break;
            case "pendingSide": change.PendingSide = value; break;
            case "reason": change.Reason = value; break;
            case "resolution": change.Resolution = value; break;
            case "assignee": change.Assignee = value; break;
            case "team": change.Team = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
