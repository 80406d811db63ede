using Infogerance.Data;
using System.Text;
using Infogerance.Documents;
using Infogerance.Incidents.Domain;
using Infogerance.Validation;
using NodaTime;

namespace Infogerance.Incidents.Tests;

/// <summary>The takeover import's reading and checks, without HTTP or a database (those are checked end to end).</summary>
public class TicketHistoryFileTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static readonly TicketHistoryContext Context = new(
        Now: D("2025-06-02T12:00:00Z"),
        Earliest: D("2023-05-31T22:00:00Z"),
        Zone: Paris,
        ReopenWindow: TimeSpan.FromDays(14),
        AutoCloseAfter: TimeSpan.FromDays(5));

    private const string EnglishHeader = "reference,at,status,kind,title,description,impact,urgency,priority,level,requester,by,pendingSide,reason,resolution,assignee,team";

    private static DateTimeOffset D(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TicketHistoryResult Csv(string text, Encoding? encoding = null, bool bom = false)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        return TicketHistoryFile.Read(bytes, "history.csv", Context);
    }

    private static TicketHistoryResult Json(string text, string name = "history.json") =>
        TicketHistoryFile.Read(Encoding.UTF8.GetBytes(text), name, Context);

    private static IReadOnlyList<ImportedTicket> Valid(TicketHistoryResult result)
    {
        Assert.True(result.Errors.Count == 0, string.Join("\n", English(result.Errors).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}")));
        return result.Tickets;
    }

    private static Dictionary<string, string[]> Errors(TicketHistoryResult result)
    {
        Assert.True(result.Errors.Count > 0, "the file was refused");
        return English(result.Errors);
    }

    private static Dictionary<string, string[]> English(ImportErrors errors) => Languages.In(Languages.English, errors.ToDictionary);

    private static Dictionary<string, string[]> French(ImportErrors errors) => Languages.In(Languages.French, errors.ToDictionary);

    /// <summary>The codes of a place's messages, in the order of its texts.</summary>
    private static string[] Codes(TicketHistoryResult result, string key) => [.. result.Errors[key].Select(m => m.Code)];

    private static void HasError(Dictionary<string, string[]> errors, string key, string fragment) =>
        Assert.True(errors.TryGetValue(key, out var messages) && messages.Any(m => m.Contains(fragment, StringComparison.Ordinal)),
            $"expected {key} to mention \"{fragment}\"; errors: {string.Join("\n", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"))}");

    [Fact]
    public void A_French_Excel_file_with_semicolons_a_byte_order_mark_and_French_labels_reads_in_the_contract_zone()
    {
        var file = """
            Référence;Date;Statut;Type;Titre;Description;Impact;Urgence;Priorité;Niveau;Demandeur;Par;Attente chez;Motif;Résolution;Assigné à;Équipe
            INC-1042;03/03/2025 09:12;Ouvert;Incident;Messagerie indisponible;Outlook déconnecté;Haute;Moyenne;;N1;Rachel Petit;;;;;;
            INC-1042;03/03/2025 09:20;Assigné;;;;;;;;;Léa Fontaine;;;;Léa Fontaine;N1 Messagerie
            INC-1042;03/03/2025 10:05;En attente client;;;;;;;;;Léa Fontaine;Client;Quel poste ?;;;
            INC-1042;03/03/2025 14:00;En cours;;;;;;;;;;;;;;
            INC-1042;03/03/2025 16:30;Résolu;;;;;;;;;Léa Fontaine;;;Connecteur redémarré;;
            INC-1042;04/03/2025 09:00;Clos;;;;;;;;;Rachel Petit;;;;;
            DEM-7;2025-05-30 08:00;Nouveau;Demande;Nouveau poste;;;;P4;;Paul Colin;;;;;;
            """;

        var tickets = Valid(Csv(file, bom: true));

        Assert.Equal(["INC-1042", "DEM-7"], tickets.Select(t => t.Reference));
        var incident = tickets[0];
        Assert.Equal((TicketKinds.Incident, "high", "medium", "P2", (short)1), (incident.Kind, incident.Impact, incident.Urgency, incident.Priority, incident.Level));
        Assert.Equal("Outlook déconnecté", incident.Description);
        Assert.Equal(D("2025-03-03T09:12:00+01:00"), incident.OpenedAt);
        Assert.Equal(
            [Statuses.Assigned, Statuses.PendingClient, Statuses.InProgress, Statuses.Resolved, Statuses.Closed],
            incident.Events.Select(e => e.Status));
        var pending = incident.Events[1];
        Assert.Equal((PendingSides.Client, "Quel poste ?", "Léa Fontaine", Sides.Provider), (pending.PendingSide, pending.Reason, pending.ActorName, pending.ActorSide));
        Assert.Equal(("Léa Fontaine", "N1 Messagerie"), (incident.Events[0].Assignee, incident.Events[0].Team));
        Assert.Equal(TicketHistory.ImportActor, incident.Events[2].ActorName);
        Assert.Equal(Sides.Client, incident.Events[4].ActorSide);

        // Only a priority: impact and urgency from the matrix's diagonal, no override to explain.
        var request = tickets[1];
        Assert.Equal((TicketKinds.Request, "low", "low", "P4", null), (request.Kind, request.Impact, request.Urgency, request.Priority, request.PriorityReason));
        Assert.Equal(D("2025-05-30T08:00:00+02:00"), request.OpenedAt);
    }

    [Fact]
    public void An_English_file_with_commas_quoted_values_and_offsets_reads_too()
    {
        var file = $""""
            {EnglishHeader}
            INC-1,2025-03-03T09:12:07.900+01:00,new,incident,"Printer, 3rd floor","Line one
            line two ""quoted""",low,low,P2,2,Rachel Petit,,,,,,
            INC-1,2025-03-03T09:30:00Z,inProgress,,,,,,,,,,,,,,
            """";

        var ticket = Assert.Single(Valid(Csv(file)));

        Assert.Equal("Printer, 3rd floor", ticket.Title);
        Assert.Equal("Line one\nline two \"quoted\"", ticket.Description.ReplaceLineEndings("\n"));
        Assert.Equal(D("2025-03-03T08:12:07Z"), ticket.OpenedAt);
        // The priority differs from the matrix (low × low is P4): the outgoing provider's, with a reason said for it.
        Assert.Equal(("P2", (short)2), (ticket.Priority, ticket.Level));
        Assert.Equal("Priority set by the outgoing provider.", ticket.PriorityReason);
        Assert.Equal(D("2025-03-03T09:30:00Z"), Assert.Single(ticket.Events).At);
    }

    [Fact]
    public void A_Windows_1252_file_keeps_its_accents()
    {
        var file = "référence;date;statut;type;titre;urgence;impact;demandeur\r\nINC-9;2025-04-01 10:00;ouvert;incident;Écran noir à l'accueil;basse;faible;Hélène Côté\r\n";

        var ticket = Assert.Single(Valid(Csv(file, CodePagesEncodingProvider.Instance.GetEncoding(1252))));

        Assert.Equal(("Écran noir à l'accueil", "Hélène Côté"), (ticket.Title, ticket.RequesterName));
    }

    [Fact]
    public void A_JSON_file_reads_its_tickets_and_events()
    {
        var file = """
            {"tickets": [
              {"reference": "INC-1", "kind": "incident", "title": "VPN down", "impact": "high", "urgency": "high", "level": 2,
               "requester": "Rachel Petit", "openedAt": "2025-03-03T09:12:00+01:00",
               "events": [
                 {"at": "2025-03-03T09:20:00+01:00", "status": "assigned", "by": "Léa Fontaine", "assignee": "Léa Fontaine", "team": "N2"},
                 {"at": "2025-03-03T11:00:00+01:00", "status": "resolved", "resolution": "Tunnel restarted"},
                 {"at": "2025-03-04T09:00:00+01:00", "status": "reopened", "reason": "Down again"},
                 {"at": "2025-03-04T10:00:00+01:00", "status": "pendingClient", "pendingSide": "thirdParty", "reason": "ISP ticket"}
               ]},
              {"reference": 4711, "kind": "request", "title": "Badge", "priority": "P3", "requester": "Paul Colin", "openedAt": "2025-05-01 09:00"}
            ]}
            """;

        var tickets = Valid(Json(file));

        var incident = tickets[0];
        Assert.Equal(("P1", (short)2), (incident.Priority, incident.Level));
        Assert.True(incident.Events[2].Reopen);
        Assert.Equal(Statuses.InProgress, incident.Events[2].Status);
        Assert.Equal(Sides.Client, incident.Events[2].ActorSide);
        Assert.Equal(PendingSides.ThirdParty, incident.Events[3].PendingSide);
        Assert.Equal(("4711", "medium", "medium"), (tickets[1].Reference, tickets[1].Impact, tickets[1].Urgency));
        Assert.Equal(D("2025-05-01T09:00:00+02:00"), tickets[1].OpenedAt);
    }

    [Fact]
    public void The_format_is_told_by_the_name_or_else_by_the_content()
    {
        Assert.Equal(TicketHistoryFormat.Json, TicketHistoryFile.FormatOf("export.json", "reference"u8));
        Assert.Equal(TicketHistoryFormat.Csv, TicketHistoryFile.FormatOf("export.csv", "{"u8));
        Assert.Equal(TicketHistoryFormat.Json, TicketHistoryFile.FormatOf("export", "\uFEFF \n {\"tickets\":[]}"u8));
        Assert.Equal(TicketHistoryFormat.Csv, TicketHistoryFile.FormatOf("export.txt", "reference;at"u8));
    }

    [Fact]
    public void Each_bad_CSV_line_is_reported_with_its_line_and_column()
    {
        var file = $"""
            {EnglishHeader}
            A,2025-03-03T09:00:00+01:00,new,bug,,,,medium,,3,,,,,,,
            B,2025-03-03T09:00:00+01:00,new,incident,Title,,high,high,,,Ann,,,,,,
            B,2025-03-03T08:00:00+01:00,inProgress,,,,,,,,,,,,,,
            B,2025-03-03T10:00:00+01:00,closed,,,,,,,,,,,,,,
            B,2025-03-03T11:00:00+01:00,pendingClient,,,,,,,,,,,,,,
            B,2025-03-03T12:00:00+01:00,resolved,,,,,,,,,,,,,,
            B,next tuesday,done,,,,,,,,,,,,,,
            C,2025-07-01T09:00:00+02:00,new,incident,Future,,high,high,,,Ann,,,,,,
            D,2022-01-03T09:00:00+01:00,new,incident,Too old,,high,high,,,Ann,,,,,,
            E,2025-03-03T09:00:00+01:00,new,incident,Title,,high,high,,,Ann,,client,,,Bob,
            E,2025-03-03T09:10:00+01:00,new,incident,Again,,high,high,,,Ann,,,,,,
            E,2025-03-03T09:20:00+01:00,inProgress,request,,,,,,,,,,,,,
            F,2025-03-03T09:20:00+01:00,inProgress,,,,,,,,,,,,,,
            G,2025-03-03T09:00:00+01:00,new,incident,Title,,high,high,,,Ann,,,,,,
            G,2025-03-03T10:00:00+01:00,resolved,,,,,,,,,,,,Fixed,,
            G,2025-03-20T10:00:00+01:00,reopened,,,,,,,,,,,,,,
            G,2025-03-20T11:00:00+01:00,assigned,,,,,,,,,,,,,,
            G,2025-03-20T12:00:00+01:00,reopened,,,,,,,,,,,,,,
            """;

        var errors = Errors(Csv(file));

        HasError(errors, "line 2", "kind: \"bug\" is not known");
        HasError(errors, "line 2", "title: This field is required.");
        HasError(errors, "line 2", "requester: This field is required.");
        HasError(errors, "line 2", "impact: Give impact and urgency together");
        HasError(errors, "line 2", "level: \"3\" is not known");
        HasError(errors, "line 4", "at: Before the ticket's opening");
        HasError(errors, "line 5", "status: A ticket inProgress cannot become closed.");
        Assert.False(errors.ContainsKey("line 3"));
        HasError(errors, "line 6", "status: The ticket is closed; it can only be reopened.");
        HasError(errors, "line 6", "pendingSide: Say whose side the wait is on");
        HasError(errors, "line 6", "reason: Say what the ticket waits for.");
        HasError(errors, "line 7", "resolution: Describe the resolution.");
        HasError(errors, "line 8", "at: \"next tuesday\" is not a date and time");
        HasError(errors, "line 8", "status: \"done\" is not a status");
        HasError(errors, "line 9", "at: In the future");
        HasError(errors, "line 10", "at: Before 2023-06-01");
        HasError(errors, "line 11", "pendingSide: Belongs to a change");
        HasError(errors, "line 11", "assignee: Belongs to a change");
        HasError(errors, "line 12", "status: Ticket \"E\" is already opened on line 11");
        HasError(errors, "line 13", "kind: Differs from the ticket's opening line (line 11)");
        HasError(errors, "line 14", "status: Ticket \"F\" has no opening line");
        Assert.False(errors.ContainsKey("line 15"));
        Assert.False(errors.ContainsKey("line 16"));
        HasError(errors, "line 17", "resolved more than 14 days ago");
        HasError(errors, "line 18", "status: Only a new ticket becomes assigned");
        HasError(errors, "line 19", "status: Only a resolved or closed ticket is reopened");
        // In the order of the file.
        Assert.Equal(errors.Keys.OrderBy(k => int.Parse(k[5..], System.Globalization.CultureInfo.InvariantCulture)), errors.Keys);
    }

    [Fact]
    public void A_bad_header_is_reported_alone()
    {
        var errors = Errors(Csv("reference;when;status;kind;title;requester;colour\nA;2025-03-03 09:00;new;incident;T;Ann;red\n"));

        Assert.Equal(["line 1"], errors.Keys);
        HasError(errors, "line 1", "column 2: \"when\" is not a column");
        HasError(errors, "line 1", "column 7: \"colour\" is not a column");
        HasError(errors, "line 1", "at: The column is missing from the header.");
        HasError(errors, "line 1", "impact: The header needs the impact and urgency columns, or the priority column.");
    }

    [Fact]
    public void A_misplaced_quote_a_value_under_no_heading_and_an_empty_file_are_reported()
    {
        var errors = Errors(Csv("reference,at,status,kind,title,requester,priority\nA,2025-03-03 09:00,new,incident,T,Ann,P1,extra\nB,2025-03-03 09:00,new,incident,\"T\"x,Ann,P1\n"));
        HasError(errors, "line 2", "column 8: a value under no heading (\"extra\")");
        HasError(errors, "line 3", "line: A quote");

        HasError(Errors(Csv("")), "file", "The file is empty");
        HasError(Errors(Csv("reference,at,status,kind,title,requester,priority\n")), "file", "no tickets");
    }

    [Fact]
    public void Times_that_do_not_exist_or_happen_twice_in_the_zone_need_an_offset()
    {
        var file = """
            reference;at;status;kind;title;requester;priority
            A;2025-03-30 02:30;new;incident;T;Ann;P1
            B;2024-10-27 02:30;new;incident;T;Ann;P1
            C;2024-10-27T02:30:00+01:00;new;incident;T;Ann;P1
            """;

        var errors = Errors(Csv(file));

        HasError(errors, "line 2", "does not exist in Europe/Paris");
        HasError(errors, "line 3", "happens twice in Europe/Paris (the clocks moved back): add the offset, +02:00 or +01:00");
        Assert.False(errors.ContainsKey("line 4"));
    }

    [Fact]
    public void Each_bad_JSON_value_is_reported_under_its_path()
    {
        var file = """
            {"tickets": [
              {"reference": "A", "kind": "incident", "title": "T", "impact": "high", "urgency": "high", "requester": "Ann",
               "openedAt": "2025-03-03T09:00:00+01:00",
               "events": [
                 {"at": "2025-03-03T10:00:00+01:00", "status": "resolved", "resolution": "Done"},
                 {"at": "2025-03-03T09:30:00+01:00", "status": "closed"},
                 {"at": "2025-03-03T11:00:00+01:00", "status": "new"},
                 {"at": "2025-03-03T12:00:00+01:00", "status": "closed", "colour": "red"}
               ]},
              {"reference": "A", "kind": "incident", "title": 42, "priority": "P9", "requester": "Ann", "openedAt": "2025-03-03", "events": {}},
              "not a ticket",
              {"reference": "B", "kind": "incident", "title": "T", "priority": "P1", "requester": "Ann", "openedAt": "2025-03-03T09:00:00+01:00",
               "opendAt": "x"}
            ]}
            """;

        var errors = Errors(Json(file));

        HasError(errors, "tickets[0].events[1].at", "Before the previous change");
        HasError(errors, "tickets[0].events[2].status", "never goes back to new");
        HasError(errors, "tickets[0].events[3].colour", "Not a field of an event");
        HasError(errors, "tickets[1].reference", "already used by tickets[0]");
        HasError(errors, "tickets[1].title", "Text expected.");
        HasError(errors, "tickets[1].priority", "The priority is P1, P2, P3 or P4.");
        HasError(errors, "tickets[1].openedAt", "is not a date and time");
        HasError(errors, "tickets[1].events", "The events are an array");
        HasError(errors, "tickets[2]", "A ticket is an object.");
        HasError(errors, "tickets[3].opendAt", "Not a field of a ticket");
        Assert.False(errors.ContainsKey("tickets[0].events[0].at"));
    }

    [Fact]
    public void A_file_that_is_not_JSON_or_not_the_expected_shape_is_refused_as_a_whole()
    {
        HasError(Errors(Json("{\"tickets\": [")), "file", "not valid JSON");
        HasError(Errors(Json("[]")), "file", "\"tickets\" is the array of tickets");
        HasError(Errors(Json("{\"tickets\": []}")), "file", "no tickets");
    }

    [Fact]
    public void At_most_a_thousand_places_are_listed()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 1500).Select(i => $"X{i};2025-03-03 09:00;inProgress"));
        var errors = Errors(Csv($"reference;at;status;kind;title;requester;priority\n{lines}\n"));

        Assert.Equal(ImportErrors.MaxKeys + 1, errors.Count);
        HasError(errors, "file", "1500 places have errors: the first 1000 are listed");
        Assert.True(errors.ContainsKey("line 2"));
        Assert.False(errors.ContainsKey("line 1002"));
    }

    [Fact]
    public void A_replayed_history_gives_the_response_the_pauses_the_resolution_and_the_history_in_order()
    {
        var ticket = Valid(Json("""
            {"tickets": [{"reference": "INC-1", "kind": "incident", "title": "VPN", "priority": "P2", "requester": "Ann",
              "openedAt": "2025-03-03T09:00:00Z",
              "events": [
                {"at": "2025-03-03T09:10:00Z", "status": "assigned", "assignee": "Léa", "by": "Léa"},
                {"at": "2025-03-03T09:30:00Z", "status": "pendingClient", "pendingSide": "client", "reason": "Which laptop?"},
                {"at": "2025-03-03T11:00:00Z", "status": "inProgress"},
                {"at": "2025-03-03T12:00:00Z", "status": "resolved", "resolution": "Profile reset"},
                {"at": "2025-03-04T08:00:00Z", "status": "closed", "by": "Ann"},
                {"at": "2025-03-05T08:00:00Z", "status": "reopened", "reason": "Back again", "by": "Ann"},
                {"at": "2025-03-05T08:00:00Z", "status": "pendingClient", "pendingSide": "client", "reason": "Logs?"}
              ]}]}
            """)).Single();

        var replayed = TicketHistory.Replay(ticket, TimeSpan.FromDays(5), Context.Now);

        Assert.Equal(Statuses.PendingClient, replayed.Status);
        Assert.Equal((PendingSides.Client, "Logs?"), (replayed.PendingSide, replayed.PendingReason));
        Assert.Equal(D("2025-03-03T09:10:00Z"), replayed.RespondedAt);
        Assert.Equal((null, null, null, 1), (replayed.ResolvedAt, replayed.Resolution, replayed.ClosedAt, replayed.ReopenCount));
        Assert.Equal("Léa", replayed.AssigneeName);
        Assert.Equal(
            [
                new ImportedPause(D("2025-03-03T09:30:00Z"), D("2025-03-03T11:00:00Z"), Statuses.PendingClient),
                new ImportedPause(D("2025-03-03T12:00:00Z"), D("2025-03-05T08:00:00Z"), Statuses.Resolved),
                new ImportedPause(D("2025-03-05T08:00:00Z"), null, Statuses.PendingClient),
            ],
            replayed.Pauses);
        Assert.Equal(
            ["status:-new", "assignee:-Léa", "status:new-assigned", "status:assigned-pendingClient", "pendingSide:-client",
             "status:pendingClient-inProgress", "status:inProgress-resolved", "status:resolved-closed", "status:closed-inProgress",
             "status:inProgress-pendingClient", "pendingSide:-client"],
            replayed.History.Select(h => $"{h.Field}:{h.Before}-{h.After}"));
        Assert.Equal(("Ann", Sides.Client), (replayed.History[0].ActorName, replayed.History[0].ActorSide));
        Assert.Contains("INC-1", replayed.History[0].Note);
        Assert.Equal(D("2025-03-05T08:00:00Z"), replayed.UpdatedAt);
    }

    [Fact]
    public void A_ticket_left_resolved_past_its_quiet_period_is_closed_at_its_end_by_the_system()
    {
        var tickets = Valid(Json("""
            {"tickets": [
              {"reference": "OLD", "kind": "incident", "title": "T", "priority": "P3", "requester": "Ann", "openedAt": "2025-05-01T09:00:00Z",
               "events": [{"at": "2025-05-02T09:00:00Z", "status": "resolved", "resolution": "Done"}]},
              {"reference": "RECENT", "kind": "incident", "title": "T", "priority": "P3", "requester": "Ann", "openedAt": "2025-06-01T09:00:00Z",
               "events": [{"at": "2025-06-01T10:00:00Z", "status": "resolved", "resolution": "Done"}]}
            ]}
            """));

        var old = TicketHistory.Replay(tickets[0], TimeSpan.FromDays(5), Context.Now);
        var recent = TicketHistory.Replay(tickets[1], TimeSpan.FromDays(5), Context.Now);

        Assert.Equal((Statuses.Closed, D("2025-05-07T09:00:00Z"), D("2025-05-02T09:00:00Z")), (old.Status, old.ClosedAt, old.ResolvedAt));
        Assert.Equal(("system", Sides.System, "resolved", "closed"), (old.History[^1].ActorName, old.History[^1].ActorSide, old.History[^1].Before, old.History[^1].After));
        Assert.Equal((Statuses.Resolved, null), (recent.Status, recent.ClosedAt));
    }

    [Fact]
    public void Instants_are_read_with_an_offset_or_in_the_zone_to_the_second()
    {
        Assert.Equal(D("2025-03-03T09:12:00+01:00"), TicketHistory.ParseInstant("2025-03-03T09:12+01:00", Paris, out _));
        Assert.Equal(D("2025-03-03T08:12:05Z"), TicketHistory.ParseInstant("2025-03-03 08:12:05.999Z", Paris, out _));
        Assert.Equal(D("2025-07-03T09:12:00+02:00"), TicketHistory.ParseInstant("2025-07-03T09:12:00", Paris, out _));
        Assert.Equal(D("2025-07-03T09:12:00+02:00"), TicketHistory.ParseInstant("03/07/2025 9:12", Paris, out _));
        Assert.Null(TicketHistory.ParseInstant("2025-07-03", Paris, out var problem));
        Assert.Contains("is not a date and time", problem!.English);
        Assert.Equal("ticketImport.at.invalid", problem.Code);
    }

    [Fact]
    public void A_line_error_is_answered_in_French_with_the_same_code_and_the_same_key()
    {
        var result = Csv($"""
            {EnglishHeader}
            A,2025-03-03T09:00:00+01:00,new,bug,Title,,high,high,,,Ann,,,,,,
            A,2025-03-03T08:00:00+01:00,resolved,,,,,,,,,,,,,,
            """);

        var english = English(result.Errors);
        var french = French(result.Errors);

        Assert.Equal(english.Keys, french.Keys);
        Assert.Equal(["kind: \"bug\" is not known. The kind is incident or request."], english["line 2"]);
        Assert.Equal(["kind : « bug » n'est pas reconnu. Le type est « incident » ou « demande »."], french["line 2"]);
        Assert.Equal(["ticketImport.kind.unknown"], Codes(result, "line 2"));
        Assert.Equal("bug", result.Errors["line 2"][0].Parameters["value"]);
        Assert.Equal("kind", result.Errors["line 2"][0].Parameters["field"]);
        Assert.Equal(
            ["at : Avant l'ouverture du ticket (2025-03-03T09:00:00+01:00) : donnez les changements d'un ticket dans l'ordre chronologique.",
             "resolution : Décrivez la résolution."],
            french["line 3"]);
        Assert.Equal(["ticketImport.at.beforeOpening", "ticketImport.resolution.required"], Codes(result, "line 3"));
    }

    [Fact]
    public void Places_named_inside_a_French_sentence_are_lines_in_French()
    {
        var result = Csv($"""
            {EnglishHeader}
            E,2025-03-03T09:00:00+01:00,new,incident,Title,,high,high,,,Ann,,,,,,
            E,2025-03-03T09:10:00+01:00,new,incident,Again,,high,high,,,Ann,,,,,,
            E,2025-03-03T09:20:00+01:00,inProgress,request,,,,,,,,,,,,,
            """);

        var french = French(result.Errors);

        Assert.Equal(["status : Le ticket « E » est déjà ouvert à la ligne 2 : une seule ligne d'ouverture par ticket."], french["line 3"]);
        Assert.Equal(["kind : Diffère de la ligne d'ouverture du ticket (ligne 2) : les champs d'un ticket sont donnés une fois, sur sa ligne d'ouverture."], french["line 4"]);
        Assert.Equal("line 2", result.Errors["line 3"][0].Parameters["opening"]);
    }

    [Fact]
    public void Whole_file_errors_and_JSON_paths_are_answered_in_French_too()
    {
        var notJson = Json("{\"tickets\": [");
        Assert.Equal(["Le fichier n'est pas un JSON valide (ligne 1, position 14)."], French(notJson.Errors)["file"]);
        Assert.Equal(["import.file.notJson"], Codes(notJson, "file"));

        var empty = Csv("");
        Assert.Equal("ticketImport.file.empty", Assert.Single(empty.Errors["file"]).Code);
        Assert.StartsWith("Le fichier est vide", French(empty.Errors)["file"][0], StringComparison.Ordinal);

        var wrongType = Json("""{"tickets": [{"reference": "A", "kind": "incident", "title": 42, "priority": "P1", "requester": "Ann", "openedAt": "2025-03-03T09:00:00+01:00"}]}""");
        Assert.Equal(["Texte attendu."], French(wrongType.Errors)["tickets[0].title"]);
        Assert.Equal(["ticketImport.json.textExpected"], Codes(wrongType, "tickets[0].title"));
    }

    [Fact]
    public void A_status_named_in_a_French_refusal_is_in_French()
    {
        var result = Csv($"""
            {EnglishHeader}
            G,2025-03-03T09:00:00+01:00,new,incident,Title,,high,high,,,Ann,,,,,,
            G,2025-03-03T10:00:00+01:00,inProgress,,,,,,,,,,,,,,
            G,2025-03-03T11:00:00+01:00,reopened,,,,,,,,,,,,,,
            """);

        Assert.Equal(["status : Seul un ticket résolu ou clos est rouvert ; celui-ci est en cours."], French(result.Errors)["line 4"]);
        Assert.Equal(["status: Only a resolved or closed ticket is reopened; this one is inProgress."], English(result.Errors)["line 4"]);
        Assert.Equal("inProgress", result.Errors["line 4"][0].Parameters["status"]);
    }

    [Fact]
    public void Times_the_zone_skips_or_repeats_are_explained_in_French()
    {
        Assert.Null(TicketHistory.ParseInstant("2024-10-27 02:30", Paris, out var twice));
        Assert.Equal("ticketImport.at.ambiguous", twice!.Code);
        Assert.Equal(
            "2024-10-27 02:30 a lieu deux fois dans le fuseau Europe/Paris (les horloges ont reculé) : ajoutez le décalage, +02:00 ou +01:00.",
            twice.French);
    }
}

/// <summary>A NUL is text no database keeps: refused where it is, in either format, never carried to a write.</summary>
public class TicketHistoryNulTests
{
    private static readonly TicketHistoryContext Context = new(
        Now: DateTimeOffset.Parse("2025-06-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Earliest: DateTimeOffset.Parse("2023-05-31T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Zone: DateTimeZoneProviders.Tzdb["Europe/Paris"],
        ReopenWindow: TimeSpan.FromDays(14),
        AutoCloseAfter: TimeSpan.FromDays(5));

    [Fact]
    public void A_csv_line_holding_a_nul_is_refused_at_its_line()
    {
        var csv = "reference,at,status,kind,title,priority,requester\nINC-1,2025-03-03 09:00,new,incident,VPN\0down,P2,Ann\n";
        var result = TicketHistoryFile.Read(Encoding.UTF8.GetBytes(csv), "history.csv", Context);
        var errors = Languages.In(Languages.English, result.Errors.ToDictionary);
        Assert.Contains(errors, e => e.Value.Any(m => m.Contains("NUL character", StringComparison.Ordinal)));
        Assert.Empty(result.Tickets);
    }

    [Fact]
    public void A_json_text_holding_a_nul_is_refused_at_its_field()
    {
        var json = """{"tickets": [{"reference": "A", "kind": "incident", "title": "VPN\u0000down", "priority": "P1", "requester": "Ann", "openedAt": "2025-03-03T09:00:00+01:00"}]}""";
        var result = TicketHistoryFile.Read(Encoding.UTF8.GetBytes(json), "history.json", Context);
        Assert.Equal("import.value.nul", Assert.Single(result.Errors["tickets[0].title"]).Code);
    }
}
