using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.EndToEnd.Tests.Notifications;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Playwright;

namespace Infogerance.EndToEnd.Tests.Browser;

/// <summary>
/// The SPA in Debian's Chromium, served by the gateway in front of the real services. Selectors are the labels a
/// user reads (French by default). On failure, a screenshot of each open page is attached to the test result.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class BrowserTests(InfogeranceSystem system) : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<IPage> _pages = [];

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Path.Combine(Repository.Root, "src", "Web", "dist", "index.html")),
            "The SPA is not built: run ./test.sh, or `npm ci && npm run build` in src/Web.");
        Assert.True(File.Exists(ChromiumPath), "Chromium is missing: apt-get install chromium (./test.sh does it as root).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [Fact]
    public Task A_tenant_admin_switches_language_invites_a_user_who_activates_and_sees_their_navigation() => WithScreenshotsOnFailure(async () =>
    {
        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@acme.example", DemoWorld.Password);
        var navigation = admin.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" })).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })
            .GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await admin.GetByRole(AriaRole.Button, new() { Name = "FR", Exact = true }).ClickAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await navigation.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Inviter un utilisateur" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        var email = $"browser-{Guid.NewGuid():N}@acme.example";
        await dialog.GetByLabel("Adresse e-mail").FillAsync(email);
        await dialog.GetByLabel(new Regex("^Nom")).FillAsync("Brigitte Navigateur");
        await dialog.GetByLabel("Gestionnaire de contrats").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Envoyer l’invitation" }).ClickAsync();
        var link = await admin.GetByLabel("Lien d’invitation").InputValueAsync();
        Assert.StartsWith($"{system.GatewayUrl}/invitation/", link);

        // The invited person, in a browser of their own.
        var invitee = await NewPageAsync();
        await invitee.GotoAsync(link);
        await Assertions.Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "Activez votre compte" })).ToBeVisibleAsync();
        await invitee.GetByLabel(new Regex("^Mot de passe")).FillAsync("Navigateur-2026-ok");
        await invitee.GetByLabel("Confirmer le mot de passe").FillAsync("Navigateur-2026-ok");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await Assertions.Expect(invitee.GetByText("Votre compte est prêt", new() { Exact = false })).ToBeVisibleAsync();

        await LogInAsync(invitee, email, "Navigateur-2026-ok");
        var inviteeNavigation = invitee.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Assertions.Expect(inviteeNavigation.GetByRole(AriaRole.Link, new() { Name = "Accueil" })).ToBeVisibleAsync();
        await Assertions.Expect(inviteeNavigation.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" })).ToHaveCountAsync(0);
        await Assertions.Expect(inviteeNavigation.GetByRole(AriaRole.Link, new() { Name = "Journal d’audit" })).ToHaveCountAsync(0);
        await Assertions.Expect(invitee.GetByText("Brigitte Navigateur").First).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_provider_agent_switches_between_the_clients_it_serves() => WithScreenshotsOnFailure(async () =>
    {
        await system.PublishContractPartiesAsync(DemoWorld.Acme, Guid.CreateVersion7(), DemoWorld.Antares, isOpen: true, version: 1);
        await system.PublishContractPartiesAsync(DemoWorld.Belvedere, Guid.CreateVersion7(), DemoWorld.Antares, isOpen: true, version: 1);

        var agent = await NewPageAsync();
        // On a wide screen the switcher sits in the header; the navbar holds a copy for phones.
        var switcher = agent.GetByLabel(new Regex("^Client$")).Filter(new LocatorFilterOptions { Visible = true });
        for (var attempt = 0; ; attempt++)
        {
            await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
            if (await switcher.Locator("option", new() { HasText = "Belvédère Santé" }).CountAsync() > 0 || attempt == 50)
            {
                break;
            }

            // The contracts' events are still on their way to Identity's replica.
            await agent.Context.ClearCookiesAsync();
            await Task.Delay(200);
        }

        await Assertions.Expect(switcher.Locator("option")).ToHaveTextAsync(["Tous les clients", "Acme Industries", "Belvédère Santé"]);
        await switcher.SelectOptionAsync(new SelectOptionValue { Label = "Belvédère Santé" });
        Assert.Equal(DemoWorld.Belvedere.ToString(), await agent.EvaluateAsync<string>("() => localStorage.getItem('infogerance.tenant')"));

        // The choice survives a reload, and can be changed again.
        await agent.ReloadAsync();
        await Assertions.Expect(switcher).ToHaveValueAsync(DemoWorld.Belvedere.ToString());
        await switcher.SelectOptionAsync(new SelectOptionValue { Label = "Acme Industries" });
        await Assertions.Expect(switcher).ToHaveValueAsync(DemoWorld.Acme.ToString());
    });

    [Fact]
    public Task On_a_phone_a_ticket_with_long_unbroken_text_wraps_within_the_screen() => WithScreenshotsOnFailure(async () =>
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        // As long as the API lets them be: a pasted log line with no space in it.
        var ticketId = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = new string('T', 200), description = new string('d', 20_000), impact = "low", urgency = "low" },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await requester.PostAsync($"/tickets/{ticketId}/comments", new { body = new string('c', 20_000) }, HttpStatusCode.Created);

        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(phone, "agent1@antares.example", DemoWorld.Password);
        await phone.GotoAsync($"{system.GatewayUrl}/tickets/{ticketId}?tab=comments");
        await Assertions.Expect(phone.GetByText(new Regex("^c{20000}$"))).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText(new Regex("^d{20000}$"))).ToBeVisibleAsync();
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the ticket page is {width} px wide on a 390 px screen");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la navigation" })).ToBeInViewportAsync();
    });

    [Fact]
    public Task On_a_phone_the_desk_queue_shows_each_ticket_s_priority_status_and_sla_on_the_first_screen() => WithScreenshotsOnFailure(async () =>
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        var title = $"Imprimante {Guid.NewGuid():N}";
        await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title, description = "Bourrage papier au 3e étage.", impact = "high", urgency = "high" },
            HttpStatusCode.Created);

        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(phone, "agent1@antares.example", DemoWorld.Password);
        await phone.GotoAsync($"{system.GatewayUrl}/tickets");
        var cards = phone.GetByRole(AriaRole.List, new() { Name = "La file du support, l’échéance SLA la plus proche d’abord" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(cards.First).ToBeVisibleAsync();
        // Results come before the filters, which wait behind their button; the search stays in view.
        var first = await cards.First.BoundingBoxAsync();
        Assert.True(first!.Y < 844, $"the first ticket starts {first.Y} px down a 844 px screen");
        await Assertions.Expect(phone.GetByRole(AriaRole.Searchbox, new() { Name = "Rechercher" })).ToBeInViewportAsync();
        await Assertions.Expect(phone.GetByLabel("Priorité", new() { Exact = true })).Not.ToBeVisibleAsync();

        await phone.GetByRole(AriaRole.Searchbox, new() { Name = "Rechercher" }).FillAsync(title);
        var ticket = cards.Filter(new() { HasText = title });
        await Assertions.Expect(ticket).ToHaveCountAsync(1);
        await Assertions.Expect(cards).ToHaveCountAsync(1);
        foreach (var shown in new[] { ticket.GetByText("P1", new() { Exact = true }), ticket.GetByText("Nouveau", new() { Exact = true }), ticket.GetByText(new Regex("^dans ")) })
        {
            await Assertions.Expect(shown).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = await shown.BoundingBoxAsync();
            Assert.True(box!.X + box.Width <= 390, $"'{await shown.TextContentAsync()}' ends at {box.X + box.Width} px on a 390 px screen");
        }

        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the queue is {width} px wide on a 390 px screen");

        await phone.GetByRole(AriaRole.Button, new() { Name = "Filtres (0)" }).ClickAsync();
        await Assertions.Expect(phone.GetByLabel("Priorité", new() { Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task Text_colours_reach_AA_contrast_as_the_browser_draws_them() => WithScreenshotsOnFailure(async () =>
    {
        var page = await NewPageAsync();
        await LogInAsync(page, "manager@acme.example", DemoWorld.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeVisibleAsync();
        // Each colour as the page resolves it, the variables Mantine's provider writes at run time included.
        var colours = await page.EvaluateAsync<Dictionary<string, double[]>>(
            """
            names => Object.fromEntries(names.map(name => {
              const probe = document.createElement('span')
              probe.style.color = `var(--mantine-color-${name})`
              document.body.append(probe)
              const channels = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number)
              probe.remove()
              // rgb(r, g, b) in 0–255, or color(srgb r g b) in 0–1 for a mixed colour.
              return [name, channels.slice(0, 3).map(c => channels.some(v => v > 1) ? c : c * 255)]
            }))
            """,
            new[] { "dimmed", "error", "anchor", "indigo-filled", "red-filled", "teal-filled", "orange-light-color", "yellow-light-color" });
        double Luminance(double[] rgb) => rgb.Select(c => c / 255 <= 0.04045 ? c / 255 / 12.92 : Math.Pow(((c / 255) + 0.055) / 1.055, 2.4))
            .Zip(new[] { 0.2126, 0.7152, 0.0722 }, (c, weight) => c * weight).Sum();
        double Contrast(double[] a, double[] b) => (Math.Max(Luminance(a), Luminance(b)) + 0.05) / (Math.Min(Luminance(a), Luminance(b)) + 0.05);
        double[] white = [255, 255, 255];
        foreach (var name in new[] { "dimmed", "error", "anchor", "indigo-filled", "red-filled", "teal-filled" })
        {
            Assert.True(Contrast(colours[name], white) >= 4.5, $"{name} is {string.Join(", ", colours[name])}: {Contrast(colours[name], white):F2} against white");
        }

        Assert.True(Contrast(colours["yellow-light-color"], [255, 243, 191]) >= 4.5, "yellow light variant");
        Assert.True(Contrast(colours["orange-light-color"], [255, 232, 204]) >= 4.5, "orange light variant");
    });

    [Fact]
    public Task On_a_phone_the_navigation_folds_behind_a_menu_button() => WithScreenshotsOnFailure(async () =>
    {
        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync($"{system.GatewayUrl}/login");
        await phone.GetByLabel("Adresse e-mail").FillAsync("auditor@acme.example");
        await phone.GetByLabel(new Regex("^Mot de passe")).FillAsync(DemoWorld.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var home = phone.GetByRole(AriaRole.Link, new() { Name = "Accueil" });
        await Assertions.Expect(home).Not.ToBeVisibleAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la navigation" }).ClickAsync();
        await Assertions.Expect(home).ToBeVisibleAsync();
        // An auditor reads: no administration in its navigation.
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" })).ToHaveCountAsync(0);
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");
    });

    [Fact]
    public Task A_contract_manager_reads_last_month_s_penalty_statement_and_waives_a_line() => WithScreenshotsOnFailure(async () =>
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris);
        var lastMonth = new DateTime(now.Year, now.Month, 1).AddMonths(-1).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);

        // Last month is shown by default; its facts come from Incidents' events, which may still be on their way.
        var lines = manager.GetByRole(AriaRole.Table, new() { Name = $"Lignes de pénalités de {lastMonth}" });
        var late = lines.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(@"^ticket \d+ \(Résolution\)$") });
        for (var attempt = 0; ; attempt++)
        {
            await manager.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab=penalties");
            await Assertions.Expect(manager.GetByRole(AriaRole.Region, new() { Name = $"Relevé de {lastMonth}" })).ToBeVisibleAsync();
            if (await late.CountAsync() > 0 || attempt == 30)
            {
                break;
            }

            await Task.Delay(1000);
        }

        // The franchise, the ERP's availability band and the success-rate credit are there; the late P2 resolution is waived.
        await Assertions.Expect(lines.GetByRole(AriaRole.Row, new() { Name = "disponibilité ERP" })).ToBeVisibleAsync();
        await Assertions.Expect(lines.GetByText("Gratuit (franchise)")).ToBeVisibleAsync();
        var totals = manager.GetByRole(AriaRole.Table, new() { Name = $"Totaux de {lastMonth}" });
        var monthTotal = totals.GetByRole(AriaRole.Row, new() { Name = "Total du mois" });
        var waived = totals.GetByRole(AriaRole.Row, new() { Name = "Lignes renoncées" });
        var (before, waivedBefore) = (await monthTotal.InnerTextAsync(), await waived.InnerTextAsync());
        await late.GetByRole(AriaRole.Button, new() { Name = "Renoncer" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel(new Regex("^Motif")).FillAsync("Le relais SMTP dépendait d’un changement de pare-feu demandé par nos soins.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Renoncer", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(late.GetByText(new Regex("^Renoncée par"))).ToBeVisibleAsync();
        await Assertions.Expect(monthTotal).Not.ToHaveTextAsync(before);
        await Assertions.Expect(waived).Not.ToHaveTextAsync(waivedBefore);
    });

    [Fact]
    public Task A_contract_manager_finds_a_discrepancy_in_the_provider_s_invoice_and_disputes_it() => WithScreenshotsOnFailure(async () =>
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris);
        var number = $"AS-{new DateTime(now.Year, now.Month, 1).AddMonths(-1):yyyyMM}-0142";
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);

        // The demo's invoice of last month waits for the contract's revised prices to reach Invoicing.
        var invoices = manager.GetByRole(AriaRole.Table, new() { Name = "Factures du contrat" });
        var link = invoices.GetByRole(AriaRole.Link, new() { Name = number, Exact = true });
        for (var attempt = 0; ; attempt++)
        {
            await manager.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab=invoices");
            await Assertions.Expect(invoices).ToBeVisibleAsync();
            if (await link.CountAsync() > 0 || attempt == 30)
            {
                break;
            }

            await Task.Delay(1000);
        }

        // The development units are billed at the price before the last revision: the control shows it on their line.
        await link.ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = $"Facture {number}" })).ToBeVisibleAsync();
        var lines = manager.GetByRole(AriaRole.Table, new() { Name = $"Lignes de {number}" });
        await Assertions.Expect(lines.GetByRole(AriaRole.Row, new() { Name = "Prix unitaire — ligne 2" })).ToBeVisibleAsync();

        await manager.GetByRole(AriaRole.Group, new() { Name = "Actions sur la facture" }).GetByRole(AriaRole.Button, new() { Name = "Contester" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog, new() { Name = $"Contester {number}" });
        await dialog.GetByLabel(new Regex("^Message")).FillAsync("Les unités d’œuvre UO-DEV sont facturées au prix d’avant la dernière révision : merci d’émettre un avoir.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Contester", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(manager.GetByRole(AriaRole.Status, new() { Name = "Statut : Contestée" })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Region, new() { Name = "La contestation du client" })).ToContainTextAsync("merci d’émettre un avoir");
    });

    [Fact]
    public Task Both_sides_hold_a_review_of_last_month_approve_it_and_download_its_pack() => WithScreenshotsOnFailure(async () =>
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris);
        var period = new DateTime(now.Year, now.Month, 1).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);

        // The contract reaches the Reporting service's replica through its events, which may still be on their way.
        var noReview = client.GetByText("Aucune revue", new() { Exact = true });
        for (var attempt = 0; ; attempt++)
        {
            await client.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab=reviews");
            await Assertions.Expect(client.GetByRole(AriaRole.Button, new() { Name = "Préparer une revue" })).ToBeVisibleAsync();
            if (await noReview.CountAsync() > 0 || attempt == 30)
            {
                break;
            }

            await Task.Delay(1000);
        }

        await client.GetByRole(AriaRole.Button, new() { Name = "Préparer une revue" }).ClickAsync();
        var prepare = client.GetByRole(AriaRole.Dialog, new() { Name = "Préparer une revue" });
        await prepare.GetByLabel(new Regex("^Période")).FillAsync(period);
        await prepare.GetByLabel("Titre", new() { Exact = true }).FillAsync("Comité de pilotage mensuel");
        await prepare.GetByRole(AriaRole.Button, new() { Name = "Préparer", Exact = true }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = $"Revue 1 — {period}" })).ToBeVisibleAsync();
        await Assertions.Expect(client).ToHaveURLAsync(new Regex($@"/contracts/{DemoWorld.AcmeContract}\?tab=reviews&review=[0-9a-f-]+$"));
        var reviewUrl = client.Url;

        // The client raises an action for the provider.
        var plan = client.GetByRole(AriaRole.Region, new() { Name = "Plan d’actions" });
        await plan.GetByRole(AriaRole.Button, new() { Name = "Ajouter une action" }).ClickAsync();
        var raise = client.GetByRole(AriaRole.Dialog, new() { Name = "Ajouter une action" });
        await raise.GetByLabel(new Regex("^Action")).FillAsync("Automatiser le redémarrage de l’ERP");
        await raise.GetByLabel("Partie responsable").SelectOptionAsync(new SelectOptionValue { Label = "Prestataire" });
        await raise.GetByLabel(new Regex("^Responsable")).FillAsync("Antoine Garnier");
        // The due day is typed as a French screen writes it, whatever the browser's own language.
        var dueOn = raise.GetByLabel(new Regex("^Échéance"));
        await dueOn.FillAsync(now.AddMonths(1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await dueOn.PressAsync("Tab");
        await raise.GetByRole(AriaRole.Button, new() { Name = "Ajouter une action", Exact = true }).ClickAsync();
        await Assertions.Expect(raise).ToHaveCountAsync(0);
        await Assertions.Expect(plan.GetByRole(AriaRole.Cell, new() { NameRegex = new Regex("^Automatiser le redémarrage") })).ToBeVisibleAsync();

        // The provider's account manager, in a browser of its own, comments on the month and approves.
        var provider = await NewPageAsync();
        await LogInAsync(provider, "manager@antares.example", DemoWorld.Password);
        await provider.GotoAsync(reviewUrl);
        var comments = provider.GetByRole(AriaRole.Table, new() { Name = "Commentaires" });
        await comments.GetByRole(AriaRole.Button, new() { Name = "Commenter : Vue d’ensemble" }).ClickAsync();
        await comments.GetByRole(AriaRole.Textbox, new() { Name = "Commenter : Vue d’ensemble" }).FillAsync("Mois stable ; l’ERP reste à fiabiliser.");
        await comments.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(comments.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
        await Assertions.Expect(comments.GetByText("Mois stable ; l’ERP reste à fiabiliser.")).ToBeVisibleAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Approuver pour ma partie" }).ClickAsync();
        var approvals = provider.GetByRole(AriaRole.Region, new() { Name = "Approbation du compte rendu" });
        await Assertions.Expect(approvals).ToContainTextAsync("Approuvé par");
        await Assertions.Expect(provider.GetByRole(AriaRole.Button, new() { Name = "Approuver pour ma partie" })).ToHaveCountAsync(0);

        // The client reads the minutes as the provider left them, approves them too: the review closes.
        await client.ReloadAsync();
        await Assertions.Expect(client.GetByText("Mois stable ; l’ERP reste à fiabiliser.")).ToBeVisibleAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Approuver pour ma partie" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("^Close le") })).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Button, new() { Name = "Ajouter une action" })).ToHaveCountAsync(0);

        // The pack downloads as a PDF named after the contract and the period.
        var download = await client.RunAndWaitForDownloadAsync(() =>
            client.GetByRole(AriaRole.Group, new() { Name = "Exports du dossier de la revue" }).GetByRole(AriaRole.Link, new() { Name = "Exporter en PDF" }).ClickAsync());
        Assert.Matches($@"^ACME-INFOG-01-(review|bilan)-{period}\.pdf$", download.SuggestedFilename);
        var file = await download.PathAsync();
        var head = new byte[4];
        await using (var stream = File.OpenRead(file))
        {
            await stream.ReadExactlyAsync(head);
        }

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(head));

        // The dashboard charts the last twelve months.
        await client.GetByRole(AriaRole.Tab, new() { Name = "Tableau de bord" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Tableau de bord de ") })).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Img, new() { Name = "Tickets ouverts et résolus" }).Locator("svg.recharts-surface")).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_contract_is_drafted_imported_signed_taken_over_by_both_sides_and_evolves() => WithScreenshotsOnFailure(async () =>
    {
        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);
        var contractUrl = await DraftContractAsync(client, "Infogérance du poste de travail");

        // A new draft has no fee: the manager enters it before the contract can be signed.
        await client.GetByRole(AriaRole.Tab, new() { Name = "Conditions" }).ClickAsync();
        var fee = client.GetByLabel(new Regex("^Redevance mensuelle"));
        await Assertions.Expect(fee).ToHaveValueAsync("");
        await fee.FillAsync("9800");
        await client.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les conditions" }).ClickAsync();
        await Assertions.Expect(client.GetByText("Les conditions de la version 1 ont été enregistrées.")).ToBeVisibleAsync();

        // The inventory arrives from a spreadsheet export (';' as French Excel writes it).
        await client.GetByRole(AriaRole.Tab, new() { Name = "Inventaire" }).ClickAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        var import = client.GetByRole(AriaRole.Dialog);
        await import.GetByLabel(new Regex("^Fichier")).SetInputFilesAsync(new FilePayload
        {
            Name = "inventaire.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("type;nom;quantité;criticité;emplacement\nserveur;SRV-WEB-01;2;critique;Lyon\nposte de travail;Postes du siège;85;moyenne;Lyon\nlicence;Suite bureautique;90;faible;\n"),
        });
        await import.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(client.GetByText("3 éléments importés.")).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Cell, new() { Name = "Postes du siège", Exact = true })).ToBeVisibleAsync();

        await client.GetByRole(AriaRole.Button, new() { Name = "Signer le contrat" }).ClickAsync();
        await client.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Signer le contrat" }).ClickAsync();
        await Assertions.Expect(client.GetByText("Le contrat a été signé.")).ToBeVisibleAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Démarrer la prise en charge" }).ClickAsync();
        await client.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Démarrer la prise en charge" }).ClickAsync();
        await Assertions.Expect(client.GetByText("La prise en charge a démarré.")).ToBeVisibleAsync();

        // Both sides accept every takeover item, each in its own browser.
        var provider = await NewPageAsync();
        await LogInAsync(provider, "manager@antares.example", DemoWorld.Password);
        await provider.GotoAsync(contractUrl);
        foreach (var page in new[] { client, provider })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Phases" }).ClickAsync();
            var accept = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accepter « ") });
            await Assertions.Expect(accept).ToHaveCountAsync(6);
            while (await accept.CountAsync() > 0)
            {
                var before = await accept.CountAsync();
                await accept.First.ClickAsync();
                await Assertions.Expect(accept).ToHaveCountAsync(before - 1);
            }
        }

        await provider.ReloadAsync();
        await provider.GetByRole(AriaRole.Tab, new() { Name = "Phases" }).ClickAsync();
        await Assertions.Expect(provider.GetByText("Marc Dubois", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(provider.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Retirer l’acceptation de « ") })).ToHaveCountAsync(6);
        foreach (var page in new[] { provider, client })
        {
            await page.GotoAsync(contractUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Clore la prise en charge" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Clore la prise en charge" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Votre acceptation de la clôture de la prise en charge a été enregistrée.")).ToBeVisibleAsync();
        }

        await client.ReloadAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.List, new() { Name = "Phases du contrat" }).Locator("[aria-current=step]"))
            .ToContainTextAsync("Exploitation");

        // An evolution request, from the client's need to its acceptance.
        await client.GetByRole(AriaRole.Tab, new() { Name = "Évolutions" }).ClickAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Nouvelle demande" }).ClickAsync();
        var request = client.GetByRole(AriaRole.Dialog);
        await request.GetByLabel(new Regex("^Intitulé")).FillAsync("Chiffrement des postes nomades");
        await request.GetByLabel(new Regex("^Expression du besoin")).FillAsync("Chiffrer les disques des 40 portables des commerciaux.");
        await request.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Assertions.Expect(client.GetByText("Exprimée").First).ToBeVisibleAsync();

        await provider.GotoAsync(contractUrl);
        await provider.GetByRole(AriaRole.Tab, new() { Name = "Évolutions" }).ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Proposer une solution : Chiffrement des postes nomades" }).ClickAsync();
        var proposal = provider.GetByRole(AriaRole.Dialog);
        await proposal.GetByLabel(new Regex("^Solution proposée")).FillAsync("BitLocker géré par la console existante, clés séquestrées.");
        await proposal.GetByLabel(new Regex("^Devis")).FillAsync("4800");
        await proposal.GetByLabel(new Regex("^Planning")).FillAsync("Pilote 1 semaine, déploiement 2 semaines.");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Proposer une solution" }).ClickAsync();
        await Assertions.Expect(provider.GetByText("Proposée").First).ToBeVisibleAsync();

        await StepAsync(client, "Valider", "Validée");
        await StepAsync(provider, "Démarrer", "En cours");
        await StepAsync(provider, "Livrer", "Livrée");
        await StepAsync(client, "Recetter", "Recettée");
    });

    [Fact]
    public Task A_client_opens_a_P2_an_agent_answers_and_resolves_it_and_the_client_rates_it() => WithScreenshotsOnFailure(async () =>
    {
        var title = $"Messagerie hors service {Guid.NewGuid():N}"[..32];

        // The client opens an incident on the demo contract: high impact, medium urgency make a P2.
        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);
        var form = await OpenNewTicketFormAsync(client);
        var contract = form.GetByLabel(new Regex("^Contrat"));

        await contract.SelectOptionAsync(new SelectOptionValue { Label = "ACME-INFOG-01" });
        await form.GetByLabel("Incident", new() { Exact = true }).CheckAsync();
        await form.GetByLabel(new Regex("^Intitulé")).FillAsync(title);
        await form.GetByLabel(new Regex("^Description")).FillAsync("Depuis 8 h, Outlook reste déconnecté pour tout le service comptable.");
        await form.GetByLabel(new Regex("^Impact")).SelectOptionAsync(new SelectOptionValue { Label = "Élevé" });
        await form.GetByLabel(new Regex("^Urgence")).SelectOptionAsync(new SelectOptionValue { Label = "Moyenne" });
        await Assertions.Expect(form.GetByTestId("computed-priority")).ToContainTextAsync("P2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le ticket" }).ClickAsync();

        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(Regex.Escape(title)), Level = 1 })).ToBeVisibleAsync();
        var ticketUrl = client.Url;
        var state = client.GetByRole(AriaRole.Group, new() { Name = "Priorité, statut et niveau" });
        await Assertions.Expect(state).ToContainTextAsync("P2");
        await Assertions.Expect(state).ToContainTextAsync("Nouveau");
        await Assertions.Expect(client.GetByRole(AriaRole.Region, new() { Name = "Délai de prise en charge" })).ToContainTextAsync("En cours");
        await client.GetByRole(AriaRole.Link, new() { Name = "Retour aux tickets" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();

        // The agent finds it in the desk's queue (the demo contract's unassigned tickets), takes it and answers.
        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "File du support", Level = 1 })).ToBeVisibleAsync();
        await agent.GetByLabel("Contrat", new() { Exact = true }).SelectOptionAsync(DemoWorld.AcmeContract.ToString());
        await agent.GetByLabel("Attribué à", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Non attribués" });
        // Among the queue's pages, found by its title.
        await agent.GetByLabel("Rechercher").FillAsync(title);
        var queued = agent.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
        await Assertions.Expect(queued).ToBeVisibleAsync();

        var row = agent.GetByRole(AriaRole.Row).Filter(new() { Has = queued });
        await Assertions.Expect(row).ToContainTextAsync("P2");
        await Assertions.Expect(row).ToContainTextAsync(new Regex("dans \\d+ (h|min|j)"));
        // Clicked at once, while the search box may still be waiting to send its text: the ticket opens and stays open.
        await queued.ClickAsync();
        await agent.WaitForURLAsync(new Regex("/tickets/[0-9a-f-]{36}"));
        await agent.GetByRole(AriaRole.Button, new() { Name = "Prendre le ticket" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Détails du ticket" })).ToContainTextAsync("Léa Fontaine");
        await Assertions.Expect(agent.GetByRole(AriaRole.Group, new() { Name = "Priorité, statut et niveau" })).ToContainTextAsync("Attribué");

        await agent.GetByLabel("Votre message").FillAsync("Bonjour, le connecteur Exchange est bloqué : nous le redémarrons.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.List, new() { Name = "Commentaires" })).ToContainTextAsync("le connecteur Exchange est bloqué");
        // A public answer is the desk's response: its clock stops.
        await Assertions.Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Délai de prise en charge" })).ToContainTextAsync("Respecté");

        await agent.GetByRole(AriaRole.Region, new() { Name = "Actions sur le ticket" }).GetByRole(AriaRole.Button, new() { Name = "Résoudre" }).ClickAsync();
        var resolve = agent.GetByRole(AriaRole.Dialog, new() { Name = "Résoudre le ticket" });
        await resolve.GetByLabel(new Regex("^Résolution")).FillAsync("Connecteur Exchange redémarré, messagerie rétablie à 9 h 40.");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "Résoudre" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Group, new() { Name = "Priorité, statut et niveau" })).ToContainTextAsync("Résolu");

        // The client reads the answer and the resolution, and rates it.
        await client.GotoAsync(ticketUrl);
        await Assertions.Expect(client.GetByRole(AriaRole.Group, new() { Name = "Priorité, statut et niveau" })).ToContainTextAsync("Résolu");
        await Assertions.Expect(client.GetByText("Connecteur Exchange redémarré, messagerie rétablie à 9 h 40.")).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.List, new() { Name = "Commentaires" })).ToContainTextAsync("Léa Fontaine");
        var survey = client.GetByRole(AriaRole.Region, new() { Name = "Comment s’est passée la résolution ?" });
        // A star is clicked as people do: on the star drawn for the radio button.
        await survey.Locator("label", new() { Has = client.GetByRole(AriaRole.Radio, new() { Name = "5 étoiles" }) }).ClickAsync();
        await Assertions.Expect(survey.GetByRole(AriaRole.Radio, new() { Name = "5 étoiles" })).ToBeCheckedAsync();
        await survey.GetByLabel("Commentaire (facultatif)").FillAsync("Rapide et clair, merci.");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon avis" }).ClickAsync();

        var rating = client.GetByRole(AriaRole.Region, new() { Name = "Satisfaction" });
        await Assertions.Expect(rating).ToContainTextAsync("5/5");
        await Assertions.Expect(rating).ToContainTextAsync("Rapide et clair, merci.");
        await Assertions.Expect(survey).ToHaveCountAsync(0);

        // The desk sees the rating too.
        await agent.ReloadAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Satisfaction" })).ToContainTextAsync("5/5");
    });

    [Fact]
    public Task A_client_searches_its_tickets_and_sorts_them_by_a_column_kept_in_the_address() => WithScreenshotsOnFailure(async () =>
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        var tag = $"Nav{Guid.NewGuid():N}"[..11];
        foreach (var title in new[] { "Bravo", "Alpha", "Charlie" })
        {
            await manager.PostAsync("/tickets", new { contractId, kind = "incident", title = $"{tag} {title}", impact = "low", urgency = "low" }, HttpStatusCode.Created);
        }

        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);
        await client.GotoAsync($"{system.GatewayUrl}/tickets");
        var titles = client.Locator("tbody tr td:nth-child(2) a");
        await client.GetByLabel("Rechercher").FillAsync(tag.ToUpperInvariant());
        await Assertions.Expect(titles).ToHaveCountAsync(3);

        await client.GetByRole(AriaRole.Button, new() { Name = "Intitulé" }).ClickAsync();
        await Assertions.Expect(titles).ToHaveTextAsync([$"{tag} Alpha", $"{tag} Bravo", $"{tag} Charlie"]);
        await Assertions.Expect(client.GetByRole(AriaRole.Columnheader, new() { Name = "Intitulé" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await client.GetByRole(AriaRole.Button, new() { Name = "Intitulé" }).ClickAsync();
        await Assertions.Expect(titles).ToHaveTextAsync([$"{tag} Charlie", $"{tag} Bravo", $"{tag} Alpha"]);

        // The view is in the address: a reload, or the link sent to a colleague, shows the same list.
        Assert.Contains("sort=title", client.Url);
        Assert.Contains("order=desc", client.Url);
        Assert.Contains($"q={tag.ToUpperInvariant()}", client.Url);
        await client.ReloadAsync();
        await Assertions.Expect(client.GetByLabel("Rechercher")).ToHaveValueAsync(tag.ToUpperInvariant());
        await Assertions.Expect(titles).ToHaveTextAsync([$"{tag} Charlie", $"{tag} Bravo", $"{tag} Alpha"]);
    });

    [Fact]
    public Task An_agent_takes_several_tickets_at_once_and_reads_which_were_refused() => WithScreenshotsOnFailure(async () =>
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var colleague = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Karim Benali", "incidents");
        var tag = $"Lot{Guid.NewGuid():N}"[..11];
        async Task<JsonElement> Open(string title) => await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = $"{tag} {title}", impact = "low", urgency = "low" }, HttpStatusCode.Created);
        var open = await Open("ouvert");
        var resolved = await Open("résolu");
        await colleague.PostAsync($"/tickets/{resolved.GetProperty("id")}/assignment", new { toMe = true });
        await colleague.PostAsync($"/tickets/{resolved.GetProperty("id")}/status", new { status = "resolved", resolution = "Réglé par téléphone." });

        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        await agent.GotoAsync($"{system.GatewayUrl}/tickets?status=all&q={tag}");
        await Assertions.Expect(agent.Locator("tbody tr")).ToHaveCountAsync(2);
        await agent.GetByLabel("Choisir tous les tickets affichés").CheckAsync();
        var bar = agent.GetByRole(AriaRole.Group, new() { Name = "Action sur les tickets choisis" });
        await Assertions.Expect(bar.GetByText("2 tickets choisis")).ToBeVisibleAsync();
        await bar.GetByRole(AriaRole.Button, new() { Name = "Les prendre" }).ClickAsync();

        await Assertions.Expect(agent.GetByText("1 sur 2 faits.")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByText(new Regex($"n° {resolved.GetProperty("number")} {tag} résolu : refusé\\. Le ticket est résolu"))).ToBeVisibleAsync();
        Assert.Equal("Léa Fontaine", (await requester.GetAsync($"/tickets/{open.GetProperty("id")}")).GetProperty("assignee").GetProperty("name").GetString());
        Assert.Equal("Karim Benali", (await requester.GetAsync($"/tickets/{resolved.GetProperty("id")}")).GetProperty("assignee").GetProperty("name").GetString());
    });

    [Fact]
    public Task An_agent_assigns_a_ticket_to_a_colleague_picked_by_name() => WithScreenshotsOnFailure(async () =>
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        var ticketId = (await requester.PostAsync("/tickets",
            new { contractId, kind = "request", title = "Nouveau poste pour l'accueil", impact = "low", urgency = "low" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        await agent.GotoAsync($"{system.GatewayUrl}/tickets/{ticketId}");
        await agent.GetByRole(AriaRole.Region, new() { Name = "Actions sur le ticket" }).GetByRole(AriaRole.Button, new() { Name = "Attribuer…" }).ClickAsync();
        var dialog = agent.GetByRole(AriaRole.Dialog, new() { Name = "Attribuer le ticket" });
        await dialog.GetByLabel("Me l’attribuer").UncheckAsync();
        var picker = dialog.GetByRole(AriaRole.Combobox, new() { NameRegex = new Regex("^Technicien") });
        await picker.FillAsync("kar");
        var desk = agent.GetByRole(AriaRole.Listbox, new() { NameRegex = new Regex("^Technicien") });
        var colleague = desk.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Karim Benali") });
        await Assertions.Expect(colleague).ToContainTextAsync("Agent de niveau 2");
        await Assertions.Expect(desk.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await colleague.ClickAsync();
        await Assertions.Expect(picker).ToHaveValueAsync("Karim Benali");
        await dialog.GetByLabel(new Regex("^Équipe")).FillAsync("N2 Systèmes");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Attribuer", Exact = true }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var details = agent.GetByRole(AriaRole.Region, new() { Name = "Détails du ticket" });
        await Assertions.Expect(details).ToContainTextAsync("Karim Benali");
        await Assertions.Expect(details).ToContainTextAsync("N2 Systèmes");
        await Assertions.Expect(agent.GetByRole(AriaRole.Group, new() { Name = "Priorité, statut et niveau" })).ToContainTextAsync("Attribué");
        var assigned = await requester.GetAsync($"/tickets/{ticketId}");
        Assert.Equal(DemoWorld.LoginOf("agent2@antares.example").UserId, assigned.GetProperty("assignee").GetProperty("id").GetGuid());
    });

    [Fact]
    public Task A_client_manager_finds_an_amendment_to_countersign_in_the_bell_and_opens_it_at_its_version() => WithScreenshotsOnFailure(async () =>
    {
        // The provider's account manager proposes an amendment to a contract of Acme's.
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        var reference = (await provider.GetAsync($"/{contractId}")).GetProperty("reference").GetString()!;
        var amendment = await provider.PostAsync($"/{contractId}/amendments",
            new { effectiveFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), reason = "Un second site" }, HttpStatusCode.Created);
        var version = amendment.GetProperty("number").GetInt32();
        await provider.PostAsync($"/{contractId}/versions/{version}/propose");
        // It reaches the client's contract manager through the Notifications service, in a moment.
        using (var told = await Person.DemoAsync(system, "manager@acme.example"))
        {
            await told.WaitForAsync(contractId, "amendmentProposed");
        }

        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        // Past 99 unread the badge, and so the name, reads "99+".
        var bell = manager.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Notifications, (\d+|99\+) non lues?$") });
        await bell.ClickAsync();
        var menu = manager.GetByRole(AriaRole.Menu);
        var item = menu.GetByRole(AriaRole.Menuitem, new()
        {
            NameRegex = new Regex($@"^Non lue : Avenant \(version {version}\) proposé par Antoine Garnier, à contresigner.*{Regex.Escape(reference)}"),
        });
        await item.ClickAsync();

        await Assertions.Expect(manager).ToHaveURLAsync(new Regex($@"/contracts/{contractId}\?tab=terms&version={version}$"));
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = $"Conditions de la version {version}" })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Contresigner" })).ToBeVisibleAsync();

        // Opened, it is read: the bell lists it without "Non lue".
        await bell.Or(manager.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true })).ClickAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { NameRegex = new Regex($@"^Avenant \(version {version}\).*{Regex.Escape(reference)}") }))
            .ToBeVisibleAsync();
    });

    [Fact]
    public Task Each_side_reads_its_portfolio_and_the_desk_its_day_at_home() => WithScreenshotsOnFailure(async () =>
    {
        // The client's contract manager: the portfolio names its contract, which Reporting learns of from Contracts' events.
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        await manager.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Portefeuille" }).ClickAsync();
        var contracts = manager.GetByRole(AriaRole.Table, new() { Name = "Contrats du portefeuille" });
        var acme = contracts.GetByRole(AriaRole.Link, new() { Name = "ACME-INFOG-01", Exact = true });
        for (var attempt = 0; await acme.CountAsync() == 0 && attempt < 30; attempt++)
        {
            await Task.Delay(1000);
            await manager.ReloadAsync();
            await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Portefeuille", Level = 1 })).ToBeVisibleAsync();
        }

        await Assertions.Expect(acme).ToHaveAttributeAsync("href", $"/contracts/{DemoWorld.AcmeContract}?tab=dashboard");
        await Assertions.Expect(contracts.GetByRole(AriaRole.Columnheader, new() { Name = "Dépenses / budget" })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Group, new() { Name = "Exporter le portefeuille" }).GetByRole(AriaRole.Link, new() { Name = "Exporter en PDF" }))
            .ToHaveAttributeAsync("href", new Regex("^/api/reporting/portfolio/export\\?(month=\\d{4}-\\d{2}&)?format=pdf$"));

        // The provider's agent: its home page says how many tickets are open and which may breach.
        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        var today = agent.GetByRole(AriaRole.Region, new() { Name = "Votre support aujourd’hui" });
        await Assertions.Expect(today.GetByText(new Regex(@"^\d+ tickets? ouverts?$"))).ToBeVisibleAsync();
        await Assertions.Expect(today.GetByRole(AriaRole.Table, new() { Name = "Tickets menacés de dépassement" }).Or(today.GetByText("Rien de menacé"))).ToBeVisibleAsync();

        // The provider's account manager: its portfolio across its clients, with its desk's load by client.
        var provider = await NewPageAsync();
        await LogInAsync(provider, "manager@antares.example", DemoWorld.Password);
        var desk = provider.GetByRole(AriaRole.Region, new() { Name = "Charge du support" });
        var acmeLoad = desk.GetByRole(AriaRole.Table, new() { Name = "Tickets ouverts par client et priorité" })
            .GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Acme Industries") });
        // The demo's tickets reach Reporting through Incidents' events, which may still be on their way.
        for (var attempt = 0; ; attempt++)
        {
            await provider.GotoAsync($"{system.GatewayUrl}/portfolio");
            await Assertions.Expect(desk.GetByRole(AriaRole.Table).Or(desk.GetByText("Aucun ticket ouvert.")).First).ToBeVisibleAsync();
            if (await acmeLoad.CountAsync() > 0 || attempt == 30)
            {
                break;
            }

            await Task.Delay(1000);
        }

        await Assertions.Expect(acmeLoad).ToBeVisibleAsync();
        await Assertions.Expect(provider.GetByRole(AriaRole.Table, new() { Name = "Contrats du portefeuille" }).GetByRole(AriaRole.Columnheader, new() { Name = "Client" }))
            .ToBeVisibleAsync();
    });

    [Fact]
    public Task A_ticket_typed_while_the_session_expired_is_kept_through_signing_in_again() => WithScreenshotsOnFailure(async () =>
    {
        var title = $"Imprimante du 3e {Guid.NewGuid():N}"[..30];
        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);
        var form = await OpenNewTicketFormAsync(client);
        var contract = form.GetByLabel(new Regex("^Contrat"));

        await contract.SelectOptionAsync(new SelectOptionValue { Label = "ACME-INFOG-01" });
        await form.GetByLabel(new Regex("^Intitulé")).FillAsync(title);
        await form.GetByLabel(new Regex("^Description")).FillAsync("Bourrage papier à chaque impression recto verso.");

        // The session ends while the form is filled: the gateway no longer knows this browser.
        await client.Context.ClearCookiesAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le ticket" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre session a expiré — reconnectez-vous.");

        await client.GetByLabel("Adresse e-mail").FillAsync("manager@acme.example");
        await client.GetByLabel(new Regex("^Mot de passe")).FillAsync(DemoWorld.Password);
        await client.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        // Back on the tickets, the form open again with what was typed.
        await Assertions.Expect(client).ToHaveURLAsync(new Regex("/tickets$"));
        await Assertions.Expect(form.GetByLabel(new Regex("^Intitulé"))).ToHaveValueAsync(title);
        await Assertions.Expect(form.GetByLabel(new Regex("^Description"))).ToHaveValueAsync("Bourrage papier à chaque impression recto verso.");
        await Assertions.Expect(contract).ToHaveValueAsync(DemoWorld.AcmeContract.ToString());
        await form.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le ticket" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(Regex.Escape(title)), Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(0, await client.EvaluateAsync<int>("() => Object.keys(sessionStorage).filter((key) => key.startsWith('infogerance.draft:')).length"));
    });

    [Fact]
    public Task Leaving_the_terms_editor_with_a_changed_fee_asks_first() => WithScreenshotsOnFailure(async () =>
    {
        var client = await NewPageAsync();
        await LogInAsync(client, "manager@acme.example", DemoWorld.Password);
        var navigation = client.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        var contractUrl = await DraftContractAsync(client, "Infogérance des imprimantes");

        await client.GetByRole(AriaRole.Tab, new() { Name = "Conditions" }).ClickAsync();
        var fee = client.GetByLabel(new Regex("^Redevance mensuelle"));
        await fee.FillAsync("13200");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
        var question = client.GetByRole(AriaRole.Dialog, new() { Name = "Modifications non enregistrées" });
        await Assertions.Expect(question).ToContainTextAsync("Vos modifications n’ont pas été enregistrées.");

        // Staying keeps the change; leaving then goes where was asked.
        await question.GetByRole(AriaRole.Button, new() { Name = "Rester" }).ClickAsync();
        await Assertions.Expect(question).ToHaveCountAsync(0);
        Assert.StartsWith(contractUrl.Split('?')[0], client.Url);
        await Assertions.Expect(fee).ToHaveValueAsync(new Regex("^13[\\s\u202f\u00a0]?200"));
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Quitter la page" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Tickets", Level = 1 })).ToBeVisibleAsync();
    });

    [Fact]
    public Task On_a_phone_no_page_scrolls_sideways_admin_pages_contract_tabs_and_an_invoice() => WithScreenshotsOnFailure(async () =>
    {
        // Every page is measured: one run names all those that overflow.
        var overflowing = new List<string>();
        async Task AssertFitsAsync(IPage phone, string what)
        {
            // Fonts and cards settle after the data comes: measure once the page has stopped loading.
            await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var (scroll, inner) = (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await phone.EvaluateAsync<int>("() => innerWidth"));
            if (scroll > inner)
            {
                // The outermost elements running past the screen's edge name the culprit.
                var past = await phone.EvaluateAsync<string>("""
                    () => [...document.body.querySelectorAll('*')]
                        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && e.parentElement.getBoundingClientRect().right <= innerWidth + 1)
                        .slice(0, 5)
                        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').slice(0, 40)}" ${Math.round(e.getBoundingClientRect().right)}px`)
                        .join('; ')
                    """);
                overflowing.Add($"{what} is {scroll} px wide on a {inner} px screen: {past}");
            }
        }

        var admin = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(admin, "admin@acme.example", DemoWorld.Password);
        foreach (var (path, list) in new[] { ("/users", "Utilisateurs de votre organisation"), ("/service-accounts", "Comptes de service de votre organisation") })
        {
            await admin.GotoAsync($"{system.GatewayUrl}{path}");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.List, new() { Name = list }).Or(admin.GetByText("Aucun compte de service"))).ToBeVisibleAsync();
            await AssertFitsAsync(admin, path);
        }

        var operatorPhone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(operatorPhone, "operator@infogerance.example", DemoWorld.Password);
        await operatorPhone.GotoAsync($"{system.GatewayUrl}/organisations");
        await Assertions.Expect(operatorPhone.GetByRole(AriaRole.List, new() { Name = "Organisations de la plateforme" })).ToBeVisibleAsync();
        await AssertFitsAsync(operatorPhone, "/organisations");

        var manager = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        await manager.GotoAsync($"{system.GatewayUrl}/budgets");
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AssertFitsAsync(manager, "/budgets");
        string[] tabs = ["terms", "requirements", "inventory", "phases", "dashboard", "reviews", "evolutions", "penalties", "invoices", "budget", "audit"];
        foreach (var tab in tabs)
        {
            await manager.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab={tab}");
            await Assertions.Expect(manager.GetByRole(AriaRole.Tab, new() { Selected = true })).ToBeVisibleAsync();
            await AssertFitsAsync(manager, $"the contract's tab {tab}");
        }

        var invoices = manager.GetByRole(AriaRole.List, new() { Name = "Factures du contrat" });
        await manager.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab=invoices");
        await invoices.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^(Facture|Avoir) "), Level = 1 })).ToBeVisibleAsync();
        await AssertFitsAsync(manager, "the invoice page");
        Assert.Empty(overflowing);
    });

    [Fact]
    public Task Back_in_the_invoice_entry_form_with_a_number_typed_asks_before_closing_it() => WithScreenshotsOnFailure(async () =>
    {
        var provider = await NewPageAsync();
        await LogInAsync(provider, "manager@antares.example", DemoWorld.Password);
        // Into the contract from the list, so that Back stays in the application.
        await provider.GotoAsync($"{system.GatewayUrl}/contracts");
        await provider.Locator($"a[href='/contracts/{DemoWorld.AcmeContract}']").First.ClickAsync();
        await provider.GetByRole(AriaRole.Tab, new() { Name = "Factures" }).ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Saisir une facture" }).ClickAsync();
        var form = provider.GetByRole(AriaRole.Dialog, new() { Name = "Saisir une facture" });
        var number = form.GetByLabel(new Regex("^Numéro de facture"));
        await number.FillAsync("AS-TEST-0001");

        await provider.GoBackAsync();
        var question = provider.GetByRole(AriaRole.Dialog, new() { Name = "Modifications non enregistrées" });
        await Assertions.Expect(question).ToContainTextAsync("Vos modifications dans cette fenêtre n’ont pas été enregistrées.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Rester" }).ClickAsync();
        await Assertions.Expect(question).ToHaveCountAsync(0);
        await Assertions.Expect(number).ToHaveValueAsync("AS-TEST-0001");

        await provider.GoBackAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Abandonner les modifications" }).ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        Assert.Contains($"/contracts/{DemoWorld.AcmeContract}", provider.Url);
    });

    /// <summary>Drafts a contract with Antares Services from the contracts page; returns the address of its page.</summary>
    private static async Task<string> DraftContractAsync(IPage client, string title)
    {
        await client.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Contrats" }).ClickAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Nouveau contrat" }).ClickAsync();
        var create = client.GetByRole(AriaRole.Dialog);
        var reference = $"WEB-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        await create.GetByLabel(new Regex("^Référence")).FillAsync(reference);
        await create.GetByLabel(new Regex("^Intitulé")).FillAsync(title);
        await create.GetByLabel(new Regex("^Prestataire")).SelectOptionAsync(new SelectOptionValue { Label = "Antares Services" });
        await create.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(reference) })).ToBeVisibleAsync();
        return client.Url;
    }

    /// <summary>Goes to the tickets page and opens the dialog "Nouveau ticket" once it offers the demo contract.</summary>
    private static async Task<ILocator> OpenNewTicketFormAsync(IPage client)
    {
        await client.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Tickets", Level = 1 })).ToBeVisibleAsync();
        var form = client.GetByRole(AriaRole.Dialog, new() { Name = "Nouveau ticket" });
        var contract = form.GetByLabel(new Regex("^Contrat"));
        // The demo contract reaches the Incidents service through the Contracts service's events.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await client.GetByRole(AriaRole.Button, new() { Name = "Nouveau ticket" }).ClickAsync();
            await Assertions.Expect(contract).ToBeEnabledAsync();
            if (await contract.Locator("option", new() { HasText = "ACME-INFOG-01" }).CountAsync() > 0)
            {
                return form;
            }

            Assert.True(DateTime.UtcNow < deadline, "the demo contract ACME-INFOG-01 reached the Incidents service");
            await Task.Delay(500);
            await client.ReloadAsync();
        }
    }

    [Fact]
    public Task A_contract_manager_reads_the_contracts_trail_as_sentences_by_name_and_filters_it() => WithScreenshotsOnFailure(async () =>
    {
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        await manager.GotoAsync($"{system.GatewayUrl}/contracts/{DemoWorld.AcmeContract}?tab=audit");

        var trail = manager.GetByRole(AriaRole.Table, new() { Name = "Modifications, les plus récentes en premier" });
        var moved = trail.GetByRole(AriaRole.Row).Filter(new() { HasText = "A fait passer le contrat à une autre phase" }).First;
        await Assertions.Expect(moved).ToBeVisibleAsync();
        await Assertions.Expect(moved).ToContainTextAsync("Données de démonstration");
        await moved.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        var changes = manager.GetByRole(AriaRole.Table, new() { Name = "Champs modifiés" }).First;
        await Assertions.Expect(changes.GetByRole(AriaRole.Cell, new() { Name = "Phase", Exact = true })).ToBeVisibleAsync();
        // Names and sentences, never the identifiers behind them.
        Assert.DoesNotContain(DemoWorld.AcmeContract.ToString(), await trail.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contract.phase-changed", await trail.InnerTextAsync(), StringComparison.Ordinal);

        var filters = manager.GetByRole(AriaRole.Form, new() { Name = "Filtres" });
        await filters.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "A créé le contrat" });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();
        await Assertions.Expect(trail.GetByRole(AriaRole.Row).Filter(new() { HasText = "A fait passer le contrat à une autre phase" })).ToHaveCountAsync(0);
        await Assertions.Expect(manager.GetByRole(AriaRole.Link, new() { Name = "Exporter en CSV" }))
            .ToHaveAttributeAsync("href", $"/api/contracts/{DemoWorld.AcmeContract}/audit/export?action=contract.created");
    });

    /// <summary>Takes an evolution step from its button and its confirmation, and waits for the new state.</summary>
    private async Task StepAsync(IPage page, string action, string state)
    {
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Évolutions" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"{action} : Chiffrement des postes nomades" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
        await Assertions.Expect(page.GetByText(state, new() { Exact = true }).First).ToBeVisibleAsync();
    }

    /// <summary>Signs in in French; with <paramref name="language"/> "en", this browser then reads English (the account keeps its own).</summary>
    private async Task LogInAsync(IPage page, string email, string password, string language = "fr")
    {
        await page.GotoAsync($"{system.GatewayUrl}/login");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(new Regex("^Mot de passe")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeVisibleAsync();
        if (language == "en")
        {
            await page.EvaluateAsync("() => localStorage.setItem('infogerance.language', 'en')");
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })).ToBeVisibleAsync();
        }
    }

    private async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        _pages.Add(page);
        return page;
    }

    private async Task WithScreenshotsOnFailure(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < _pages.Count; i++)
            {
                var file = Path.Combine(folder, $"{TestContext.Current.Test?.TestDisplayName.Split('.')[^1]}-{i}.png");
                await _pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                TestContext.Current.AddAttachment(Path.GetFileName(file), await File.ReadAllBytesAsync(file), "image/png");
                TestContext.Current.SendDiagnosticMessage($"Screenshot: {file}");
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
