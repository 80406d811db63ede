using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Infogerance.Incidents.Data;

/// <summary>
/// The demo's tickets on ACME-INFOG-01, dated from the moment of loading: one of each situation the desk meets (new
/// P1, P2 in progress, a request waiting on the client, a resolution to rate, a rated and closed request), and last
/// month's closed tickets with their breaches and an ERP outage, from which that month's penalty statement is made.
/// They wait for the contract's terms to arrive from the Contracts service's events, so this runs in the background.
/// </summary>
public sealed class DemoTicketsSeed(
    Database database, TicketSla sla, ContractReplica replica, TimeProvider clock, IOptions<IncidentsSettings> settings, ILogger<DemoTicketsSeed> logger)
    : BackgroundDemoSeed(clock, logger)
{
    protected override bool Enabled => settings.Value.SeedDemoData;

    protected override string What => "Demo tickets";

    public override async Task<bool> TrySeedAsync(CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(DemoWorld.Acme, cancellationToken);
        var contractId = DemoWorld.AcmeContract;
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return false;
        }

        if (await unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM tickets WHERE contract_id = @contractId)", new { contractId }))
        {
            return true;
        }

        var now = Instants.NowToTheSecond(Clock);
        var rachel = Actor("requester@acme.example", Sides.Client);
        var marc = Actor("manager@acme.example", Sides.Client);
        var lea = Actor("agent1@antares.example", Sides.Provider);
        var karim = Actor("agent2@antares.example", Sides.Provider);

        async Task<TicketRow> Open(string kind, string title, string description, string impact, string urgency, TicketActor requester, TimeSpan ago)
        {
            var at = now - ago;
            var version = await ContractReplica.VersionInForceAsync(unitOfWork, contractId, at) ?? 1;
            return await TicketChanges.OpenAsync(unitOfWork, new NewTicket(
                contract.TenantId, contractId, Guid.CreateVersion7(at), kind, title, description, impact, urgency,
                PriorityMatrix.PriorityOf(impact, urgency), null, requester, null, version, at));
        }

        async Task<TicketRow> Take(TicketRow ticket, TicketActor agent, string team, TimeSpan ago)
        {
            await unitOfWork.ExecuteAsync(
                "UPDATE tickets SET assignee_id = @Id, assignee_name = @Name, team = @team WHERE tenant_id = @tenant AND ticket_id = @ticket",
                new { agent.Id, agent.Name, team, tenant = ticket.TenantId, ticket = ticket.TicketId });
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, agent, now - ago, "assignee", null, agent.Name);
            await TicketChanges.SetStatusAsync(unitOfWork, ticket, Statuses.Assigned, agent, now - ago);
            return (await TicketStore.ReloadAsync(unitOfWork, ticket))!;
        }

        async Task<TicketRow> Move(TicketRow ticket, string to, TicketActor actor, TimeSpan ago, string? side = null, string? reason = null, string? resolution = null)
        {
            await TicketChanges.SetStatusAsync(unitOfWork, ticket, to, actor, now - ago, pendingSide: side, pendingReason: reason, resolution: resolution);
            return (await TicketStore.ReloadAsync(unitOfWork, ticket))!;
        }

        Task Comment(TicketRow ticket, TicketActor author, string visibility, string body, TimeSpan ago) =>
            TicketStore.AddCommentAsync(unitOfWork, ticket, Guid.CreateVersion7(now - ago), author, visibility, body, now - ago);

        var tickets = new List<TicketRow>
        {
            await Open("incident", "Serveur de fichiers FS-01 inaccessible", "Les lecteurs réseau P: et S: ne répondent plus sur tout le site de Lyon.",
                "high", "high", rachel, TimeSpan.FromMinutes(20)),
        };

        var mail = await Open("incident", "Messagerie très lente depuis ce matin", "Les courriels mettent plusieurs minutes à partir ; Outlook se fige.",
            "high", "medium", marc, TimeSpan.FromHours(3));
        mail = await Take(mail, lea, "N1 Messagerie", TimeSpan.FromHours(2.9));
        mail = await Move(mail, Statuses.InProgress, lea, TimeSpan.FromHours(2.8));
        await Comment(mail, lea, "public", "Nous analysons les files d’attente du serveur Exchange ; prochain point dans une heure.", TimeSpan.FromHours(2.7));
        await Comment(mail, lea, "internal", "Connecteur d’antivirus saturé ; voir avec le niveau 2 si cela persiste.", TimeSpan.FromHours(2.6));
        tickets.Add(mail);

        var account = await Open("request", "Création du compte de Julie Bernard (arrivée lundi)", "Poste, messagerie et accès à l’ERP.",
            "low", "medium", rachel, TimeSpan.FromDays(1));
        account = await Take(account, lea, "N1 Comptes", TimeSpan.FromHours(23));
        account = await Move(account, Statuses.PendingClient, lea, TimeSpan.FromHours(22), PendingSides.Client, "Merci de préciser le service et le responsable de Julie Bernard.");
        await Comment(account, lea, "public", "Merci de préciser le service et le responsable de Julie Bernard.", TimeSpan.FromHours(22));
        tickets.Add(account);

        var printer = await Open("incident", "Imprimante du 2e étage hors service", "Bourrage permanent, message « Erreur 49 ».",
            "medium", "medium", rachel, TimeSpan.FromDays(3));
        printer = await Take(printer, karim, "N2 Poste de travail", TimeSpan.FromDays(2.9));
        await unitOfWork.ExecuteAsync("UPDATE tickets SET level = 2 WHERE tenant_id = @TenantId AND ticket_id = @TicketId", printer);
        await TicketStore.AddHistoryAsync(unitOfWork, printer, karim, now - TimeSpan.FromDays(2.9), "level", "1", "2", "Carte formateur à remplacer.");
        printer = await Move(printer, Statuses.Resolved, karim, TimeSpan.FromDays(1), resolution: "Carte formateur remplacée, impression testée avec l’utilisatrice.");
        tickets.Add(printer);

        var visio = await Open("request", "Installation de Visio sur le poste PC-0117", "Licence déjà attribuée par le service achats.",
            "low", "low", rachel, TimeSpan.FromDays(9));
        visio = await Take(visio, lea, "N1 Poste de travail", TimeSpan.FromDays(8.9));
        visio = await Move(visio, Statuses.Resolved, lea, TimeSpan.FromDays(8), resolution: "Visio installé et activé.");
        await unitOfWork.ExecuteAsync(
            "UPDATE tickets SET satisfaction_score = 5, satisfaction_comment = @comment, rated_at = @at WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
            new { visio.TenantId, visio.TicketId, comment = "Parfait, merci !", at = (now - TimeSpan.FromDays(7.5)).UtcDateTime });
        await TicketStore.AddHistoryAsync(unitOfWork, visio, rachel, now - TimeSpan.FromDays(7.5), "satisfaction", null, "5", "Parfait, merci !");
        visio = await Move(visio, Statuses.Closed, TicketActor.System, TimeSpan.FromDays(3));
        tickets.Add(visio);

        // Last month, on business days of the contract's calendar (in its zone): a P1 whose first response came late
        // (the month's free breach) during a 5½-hour ERP outage (99.2 % available: the 2 % band), a P2 resolved late
        // (1 % of the fee, and a P2 success rate of 50 % against 95 %), and two tickets on time.
        var terms = await replica.TermsAsync(unitOfWork, contractId, await ContractReplica.VersionInForceAsync(unitOfWork, contractId, now) ?? 1);
        var calendar = terms.Calendar;
        var today = Instant.FromDateTimeOffset(now).InZone(calendar.Zone).Date;
        var lastMonth = today.With(DateAdjusters.StartOfMonth).PlusMonths(-1);
        LocalDate BusinessDay(int fromDay, int after = 0)
        {
            var day = lastMonth.PlusDays(fromDay - 1);
            for (var skipped = -1; skipped < after; day = day.PlusDays(1))
            {
                skipped += calendar.IsBusinessDay(day) ? 1 : 0;
                if (skipped == after)
                {
                    break;
                }
            }

            return day;
        }

        TimeSpan Ago(LocalDate day, int hour, int minute) => now - day.At(new LocalTime(hour, minute)).InZoneLeniently(calendar.Zone).ToDateTimeOffset();

        var erpDay = BusinessDay(8);
        var erp = await Open("incident", "ERP de production indisponible", "Plus aucun utilisateur ne peut se connecter à l’ERP depuis 9 heures.",
            "high", "high", marc, Ago(erpDay, 9, 5));
        erp = await Take(erp, lea, "N1 Applications", Ago(erpDay, 9, 40));
        erp = await Move(erp, Statuses.InProgress, karim, Ago(erpDay, 9, 45));
        await Comment(erp, karim, "public", "Base de données de l’ERP saturée ; purge des journaux en cours.", Ago(erpDay, 11, 0));
        erp = await Move(erp, Statuses.Resolved, karim, Ago(erpDay, 13, 10), resolution: "Journaux purgés, espace disque étendu, ERP rétabli.");
        erp = await Move(erp, Statuses.Closed, TicketActor.System, Ago(BusinessDay(8, after: 2), 13, 10));
        var outage = new OutageRow(
            Guid.CreateVersion7(), erp.TenantId, contractId, erp.TicketId, "ERP", now - Ago(erpDay, 9, 0), now - Ago(erpDay, 14, 30), 1, karim.Name,
            now - Ago(erpDay, 15, 0));
        await OutageStore.InsertAsync(unitOfWork, outage);
        await unitOfWork.AddEventAsync(OutageStore.Recorded(outage, outage.RecordedAt));
        tickets.Add(erp);

        var mailDay = BusinessDay(15);
        var grenoble = await Open("incident", "Messagerie : envois bloqués sur le site de Grenoble", "Les courriels sortants restent dans la boîte d’envoi.",
            "high", "medium", rachel, Ago(mailDay, 10, 10));
        grenoble = await Take(grenoble, lea, "N1 Messagerie", Ago(mailDay, 10, 25));
        grenoble = await Move(grenoble, Statuses.Resolved, karim, Ago(BusinessDay(15, after: 1), 15, 0),
            resolution: "Relais SMTP du site reconfiguré après changement du pare-feu.");
        grenoble = await Move(grenoble, Statuses.Closed, TicketActor.System, Ago(BusinessDay(15, after: 6), 15, 0));
        tickets.Add(grenoble);

        var vpnDay = BusinessDay(20);
        var vpn = await Open("incident", "VPN instable pour les commerciaux", "Déconnexions toutes les dix minutes.", "high", "medium", marc, Ago(vpnDay, 9, 0));
        vpn = await Take(vpn, lea, "N1 Réseau", Ago(vpnDay, 9, 10));
        vpn = await Move(vpn, Statuses.Resolved, karim, Ago(vpnDay, 13, 0), resolution: "Délai d’inactivité du concentrateur VPN corrigé.");
        vpn = await Move(vpn, Statuses.Closed, TicketActor.System, Ago(BusinessDay(20, after: 2), 13, 0));
        tickets.Add(vpn);

        var share = await Open("request", "Droits d’accès au partage Finance pour Julie Bernard", "Lecture et écriture sur \\\\nas-lyon\\finance.",
            "low", "medium", rachel, Ago(vpnDay, 11, 0));
        share = await Take(share, lea, "N1 Comptes", Ago(vpnDay, 11, 30));
        share = await Move(share, Statuses.Resolved, lea, Ago(vpnDay, 14, 0), resolution: "Droits accordés et vérifiés avec l’utilisatrice.");
        share = await Move(share, Statuses.Closed, TicketActor.System, Ago(BusinessDay(20, after: 2), 14, 0));
        tickets.Add(share);

        foreach (var ticket in tickets)
        {
            await sla.SyncAsync(unitOfWork, (await TicketStore.ReloadAsync(unitOfWork, ticket))!, now);
        }

        await unitOfWork.CommitAsync();
        Logger.LogInformation("Demo tickets loaded: {Tickets} on {Contract}", tickets.Count, contract.Reference);
        return true;
    }

    private static TicketActor Actor(string email, string side)
    {
        var login = DemoWorld.LoginOf(email);
        return new TicketActor(login.UserId, login.DisplayName, side);
    }
}
