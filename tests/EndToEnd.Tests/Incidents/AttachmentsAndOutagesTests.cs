using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>Files attached to tickets, service outages recorded on incidents and the monthly availability computed from them.</summary>
[Collection(SystemCollection.Name)]
public sealed class AttachmentsAndOutagesTests(InfogeranceSystem system)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, .. "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"u8];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task Attachments_go_up_and_come_back_identical_typed_by_content_and_internal_ones_stay_with_the_desk()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var outsider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL1, "Ingrid Solberg", "incidents");
        var ticket = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Impression impossible", impact = "low", urgency = "medium" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var path = $"/tickets/{ticket}/attachments";

        // A PDF goes up under a Windows path: stored as its last segment, typed by its content, hashed.
        var uploaded = await UploadAsync(requester, path, @"C:\Users\rachel\Erreur d'impression v2.pdf", Pdf, expected: HttpStatusCode.Created);
        var id = uploaded.GetProperty("id").GetGuid();
        Assert.Equal("Erreur d'impression v2.pdf", uploaded.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", uploaded.GetProperty("contentType").GetString());
        Assert.Equal(Pdf.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), uploaded.GetProperty("sha256").GetString());
        Assert.Equal("public", uploaded.GetProperty("visibility").GetString());
        Assert.Equal("Rachel Petit", uploaded.GetProperty("uploadedBy").GetString());
        Assert.InRange(uploaded.GetProperty("uploadedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        // The desk downloads the very bytes, with the stored type and a safe attachment name.
        using (var download = await agent.Client.GetAsync($"{path}/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(uploaded.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(Pdf, bytes);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            var disposition = download.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal("Erreur d'impression v2.pdf", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
        }

        // An executable renamed .pdf, no file, and an internal file from the client are refused, naming the field.
        Assert.True((await UploadAsync(requester, path, "facture.pdf", Exe, expected: HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("file", out _));
        using (var empty = new MultipartFormDataContent { { new StringContent("public"), "visibility" } })
        using (var response = await requester.Client.PostAsync(path, empty))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }

        Assert.True((await UploadAsync(requester, path, "notes.txt", "x"u8.ToArray(), "internal", HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("visibility", out _));
        await UploadAsync(agent, path, "notes.txt", "x"u8.ToArray(), "secret", HttpStatusCode.UnprocessableEntity);

        // The desk's internal file: listed for the desk only, not downloadable by the client's side.
        var log = Encoding.UTF8.GetBytes("2025-04-02 10:14:03 spooler: queue PRN-3 blocked\n");
        var internalId = (await UploadAsync(agent, path, "spooler.log.txt", log, "internal", HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal([id, internalId], Ids(await agent.GetAsync(path)));
        Assert.Equal([id], Ids(await requester.GetAsync(path)));
        Assert.Equal([id], Ids(await manager.GetAsync(path)));
        await requester.GetAsync($"{path}/{internalId}", HttpStatusCode.NotFound);
        await manager.GetAsync($"{path}/{internalId}", HttpStatusCode.NotFound);

        // Auditors read only; another provider sees nothing of the ticket.
        Assert.Equal([id], Ids(await auditor.GetAsync(path)));
        await UploadAsync(auditor, path, "audit.pdf", Pdf, expected: HttpStatusCode.Forbidden);
        await outsider.GetAsync(path, HttpStatusCode.NotFound);
        await outsider.GetAsync($"{path}/{id}", HttpStatusCode.NotFound);
        await UploadAsync(outsider, path, "intrus.pdf", Pdf, expected: HttpStatusCode.NotFound);
        await agent.GetAsync($"{path}/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        // Each upload is in the history, the internal one for the desk only.
        Assert.Equal(2, (await agent.GetAsync($"/tickets/{ticket}/history")).EnumerateArray().Count(e => e.GetProperty("field").GetString() == "attachment"));
        var seen = (await requester.GetAsync($"/tickets/{ticket}/history")).EnumerateArray().Where(e => e.GetProperty("field").GetString() == "attachment");
        Assert.Equal(["Erreur d'impression v2.pdf"], seen.Select(e => e.GetProperty("after").GetString()));

        // A closed ticket takes no new file.
        await agent.PostAsync($"/tickets/{ticket}/status", new { status = "resolved", resolution = "File d'impression purgée." });
        await requester.PostAsync($"/tickets/{ticket}/status", new { status = "closed" });
        await UploadAsync(requester, path, "encore.pdf", Pdf, expected: HttpStatusCode.Conflict);
        Assert.Equal([id], Ids(await requester.GetAsync(path)));
    }

    [Fact]
    public async Task Outages_are_recorded_on_incidents_ended_and_give_the_month_s_availability_with_its_penalty_band()
    {
        // Default terms: a Paris calendar (here 24×7) and availability bands below 99.5 % (2 % of the fee) and below 99 % (5 %).
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var outsider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "incidents");
        var incident = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Messagerie et ERP indisponibles", impact = "high", urgency = "high" }, HttpStatusCode.Created));
        var ticket = incident.GetProperty("id").GetGuid();
        var request = (await requester.PostAsync("/tickets",
            new { contractId, kind = "request", title = "Nouveau poste", impact = "low", urgency = "low" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var record = $"/tickets/{ticket}/outages";

        // Who may record: the desk and the client's managers, on incidents only.
        Assert.False(incident.GetProperty("can").GetProperty("recordOutage").GetBoolean());
        Assert.True((await agent.GetAsync($"/tickets/{ticket}")).GetProperty("can").GetProperty("recordOutage").GetBoolean());
        Assert.True((await manager.GetAsync($"/tickets/{ticket}")).GetProperty("can").GetProperty("recordOutage").GetBoolean());
        Assert.False((await agent.GetAsync($"/tickets/{request}")).GetProperty("can").GetProperty("recordOutage").GetBoolean());
        var valid = new { service = "Messagerie", startedAt = "2025-03-10T10:00:00+01:00", endedAt = "2025-03-10T12:00:00+01:00" };
        await agent.PostAsync($"/tickets/{request}/outages", valid, HttpStatusCode.Conflict);
        await requester.PostAsync(record, valid, HttpStatusCode.Forbidden);
        await auditor.PostAsync(record, valid, HttpStatusCode.Forbidden);
        await outsider.PostAsync(record, valid, HttpStatusCode.NotFound);

        // Refused input names its fields and writes nothing.
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(["service", "startedAt"], Fields(await agent.PostAsync(record, new { }, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["service"], Fields(await agent.PostAsync(record, valid with { service = new string('s', 201) }, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["endedAt"], Fields(await agent.PostAsync(record, valid with { endedAt = "2025-03-10T09:00:00+01:00" }, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["endedAt"], Fields(await agent.PostAsync(record, valid with { endedAt = valid.startedAt }, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["startedAt"], Fields(await agent.PostAsync(record,
            new { service = "ERP", startedAt = now.AddHours(1) }, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["endedAt"], Fields(await agent.PostAsync(record,
            new { service = "ERP", startedAt = now.AddHours(-1), endedAt = now.AddHours(1) }, HttpStatusCode.UnprocessableEntity)));

        // March 2025 in Paris lasts 743 hours (the spring change on the 30th): 2,674,800 seconds.
        var mail1 = await agent.PostAsync(record, valid, HttpStatusCode.Created);
        Assert.Equal(contractId, mail1.GetProperty("contractId").GetGuid());
        Assert.Equal(ticket, mail1.GetProperty("ticketId").GetGuid());
        Assert.Equal(1, mail1.GetProperty("revision").GetInt32());
        Assert.Equal(DateTimeOffset.Parse("2025-03-10T09:00:00Z", CultureInfo.InvariantCulture), mail1.GetProperty("startedAt").GetDateTimeOffset());
        await manager.PostAsync(record, new { service = "messagerie", startedAt = "2025-03-10T11:00:00+01:00", endedAt = "2025-03-10T13:00:00+01:00" },
            HttpStatusCode.Created);  // overlaps the first: 10:00–13:00 counts three hours
        await agent.PostAsync(record, new { service = "ERP", startedAt = "2025-03-30T01:00:00+01:00", endedAt = "2025-03-30T04:00:00+02:00" },
            HttpStatusCode.Created);  // through the spring change: two real hours
        var phone = await agent.PostAsync(record, new { service = "Téléphonie", startedAt = "2025-03-31T12:00:00+02:00" }, HttpStatusCode.Created);
        var phoneId = phone.GetProperty("id").GetGuid();
        Assert.True(Absent(phone, "endedAt"));   // null values are left out of answers

        // Ending the open outage on 1 April at noon: 12 hours in March, 12 in April; a new revision, its event.
        var ended = await agent.PutAsync($"/outages/{phoneId}",
            new { service = "Téléphonie", startedAt = "2025-03-31T12:00:00+02:00", endedAt = "2025-04-01T12:00:00+02:00" });
        Assert.Equal(2, ended.GetProperty("revision").GetInt32());
        var events = await system.Events.WaitForAsync<ServiceOutageRecorded>(e => e.OutageId == phoneId, count: 2);
        Assert.Equal([1, 2], events.Select(e => e.Revision).Order());
        var latest = events.MaxBy(e => e.Revision)!;
        Assert.Equal(DateTimeOffset.Parse("2025-04-01T10:00:00Z", CultureInfo.InvariantCulture), latest.EndedAt);
        Assert.Equal(contractId, latest.ContractId);
        Assert.Equal(ticket, latest.TicketId);
        Assert.Equal("Téléphonie", latest.Service);
        // The same outage sent again changes nothing.
        Assert.Equal(2, (await agent.PutAsync($"/outages/{phoneId}",
            new { service = "Téléphonie", startedAt = "2025-03-31T12:00:00+02:00", endedAt = "2025-04-01T12:00:00+02:00" })).GetProperty("revision").GetInt32());
        await agent.PutAsync($"/outages/{phoneId}", new { service = "Téléphonie", startedAt = "2025-03-31T12:00:00+02:00", endedAt = "2025-03-31T11:00:00+02:00" },
            HttpStatusCode.UnprocessableEntity);
        await requester.PutAsync($"/outages/{phoneId}", new { service = "x", startedAt = "2025-03-31T12:00:00+02:00" }, HttpStatusCode.Forbidden);
        await outsider.PutAsync($"/outages/{phoneId}", new { service = "x", startedAt = "2025-03-31T12:00:00+02:00" }, HttpStatusCode.NotFound);
        await agent.PutAsync($"/outages/{Guid.NewGuid()}", new { service = "x", startedAt = "2025-03-31T12:00:00+02:00" }, HttpStatusCode.NotFound);

        var march = (await auditor.GetAsync($"/contracts/{contractId}/availability?month=2025-03")).EnumerateArray().ToList();
        Assert.Equal(["ERP", "Messagerie", "Téléphonie"], march.Select(s => s.GetProperty("service").GetString()));
        Assert.All(march, s => Assert.Equal(2_674_800, s.GetProperty("periodSeconds").GetInt64()));
        Assert.Equal([7200L, 10_800L, 43_200L], march.Select(s => s.GetProperty("outageSeconds").GetInt64()));
        // 1 − 7,200 / 2,674,800 = 99.7308 %; 1 − 10,800 / 2,674,800 = 99.5962 %; 1 − 43,200 / 2,674,800 = 98.3849 %: cut to 2 decimals.
        Assert.Equal([99.73m, 99.59m, 98.38m], march.Select(s => s.GetProperty("availabilityPercent").GetDecimal()));
        Assert.True(Absent(march[0], "penalty"));
        Assert.True(Absent(march[1], "penalty"));
        Assert.Equal(99m, march[2].GetProperty("penalty").GetProperty("belowPercent").GetDecimal());
        Assert.Equal(5m, march[2].GetProperty("penalty").GetProperty("penaltyPercentOfFee").GetDecimal());
        Assert.Equal(2, march[1].GetProperty("outages").GetArrayLength());

        // April, 720 hours: the telephony outage's other 12 hours (1 − 43,200 / 2,592,000 = 98.33 %).
        var april = Assert.Single((await manager.GetAsync($"/contracts/{contractId}/availability?month=2025-04")).EnumerateArray());
        Assert.Equal(43_200, april.GetProperty("outageSeconds").GetInt64());
        Assert.Equal(2_592_000, april.GetProperty("periodSeconds").GetInt64());
        Assert.Equal(98.33m, april.GetProperty("availabilityPercent").GetDecimal());
        Assert.Empty((await agent.GetAsync($"/contracts/{contractId}/availability?month=2025-05")).EnumerateArray());
        Assert.Equal(4, (await agent.GetAsync($"/contracts/{contractId}/outages?month=2025-03")).GetArrayLength());
        Assert.Equal([phoneId], (await agent.GetAsync($"/contracts/{contractId}/outages?month=2025-04")).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));

        // An outage still open counts up to now in the current month; ended, it counts what it lasted.
        var started = DateTimeOffset.UtcNow.AddMinutes(-30);
        var vpn = (await agent.PostAsync(record, new { service = "VPN", startedAt = started }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var months = new[] { started, DateTimeOffset.UtcNow }.Select(MonthInParis).Distinct().ToList();
        Assert.InRange(await VpnSecondsAsync(agent, contractId, months), 1795, 1900);
        await manager.PutAsync($"/outages/{vpn}", new { service = "VPN", startedAt = started, endedAt = started.AddMinutes(20) });
        Assert.Equal(1200, await VpnSecondsAsync(agent, contractId, months));
        var vpnEvents = await system.Events.WaitForAsync<ServiceOutageRecorded>(e => e.OutageId == vpn, count: 2);
        Assert.Equal(new long?[] { null, started.AddMinutes(20).ToUnixTimeSeconds() }, vpnEvents.OrderBy(e => e.Revision).Select(e => e.EndedAt?.ToUnixTimeSeconds()));

        // Reading: the desk, the managers and auditors; not a requester, not another provider; the month written yyyy-MM.
        await requester.GetAsync($"/contracts/{contractId}/availability?month=2025-03", HttpStatusCode.Forbidden);
        await requester.GetAsync($"/contracts/{contractId}/outages", HttpStatusCode.Forbidden);
        await outsider.GetAsync($"/contracts/{contractId}/availability?month=2025-03", HttpStatusCode.NotFound);
        await outsider.GetAsync($"/contracts/{contractId}/outages?month=2025-03", HttpStatusCode.NotFound);
        foreach (var month in new[] { "2025-3", "2025-13", "03-2025", "2025-03-01", "" })
        {
            Assert.Equal(["month"], Fields(await agent.GetAsync($"/contracts/{contractId}/availability?month={month}", HttpStatusCode.UnprocessableEntity)));
        }

        await agent.GetAsync($"/contracts/{contractId}/outages?month=march", HttpStatusCode.UnprocessableEntity);

        // Each change is in the ticket's history and in the audit trail, with its before and after.
        var history = (await agent.GetAsync($"/tickets/{ticket}/history")).EnumerateArray().Where(e => e.GetProperty("field").GetString() == "outage").ToList();
        Assert.Equal(7, history.Count);  // five recorded, two changed (the repeated PUT changed nothing)
        Assert.Equal(["outage.recorded", "outage.ended"], await AuditActionsAsync(phoneId));
        Assert.Equal(["outage.recorded", "outage.ended"], await AuditActionsAsync(vpn));
    }

    /// <summary>The audit trail's actions on an entity, oldest first, read as the database owner.</summary>
    private async Task<List<string>> AuditActionsAsync(Guid entityId)
    {
        await using var connection = new NpgsqlConnection(system.Databases["incidents"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action FROM audit_log WHERE entity_id = @entityId AND entity_type = 'outage' ORDER BY id", connection);
        command.Parameters.AddWithValue("entityId", entityId);
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    private static async Task<long> VpnSecondsAsync(ContractParty party, Guid contractId, IEnumerable<string> months)
    {
        long seconds = 0;
        foreach (var month in months)
        {
            seconds += (await party.GetAsync($"/contracts/{contractId}/availability?month={month}")).EnumerateArray()
                .Where(s => s.GetProperty("service").GetString() == "VPN").Sum(s => s.GetProperty("outageSeconds").GetInt64());
        }

        return seconds;
    }

    private static string MonthInParis(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> UploadAsync(
        ContractParty party, string path, string fileName, byte[] content, string? visibility = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (visibility is not null)
        {
            form.Add(new StringContent(visibility), "visibility");
        }

        using var response = await party.Client.PostAsync(path, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} ({fileName}) answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static bool Absent(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static IEnumerable<Guid> Ids(JsonElement list) => list.EnumerateArray().Select(a => a.GetProperty("id").GetGuid());

    private static IEnumerable<string> Fields(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order();
}
