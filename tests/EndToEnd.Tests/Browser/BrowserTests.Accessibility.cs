using System.Text.RegularExpressions;
using Infogerance.DemoData;
using Infogerance.TestSupport;
using Microsoft.Playwright;

namespace Infogerance.EndToEnd.Tests.Browser;

/// <summary>
/// Every page of the SPA through IBM's Equal Access engine (accessibility-checker-engine, Apache-2.0, installed by
/// src/Web's <c>npm ci</c>) against WCAG 2.2 A and AA, and the dialogs and menus driven by the keyboard alone.
/// </summary>
public sealed partial class BrowserTests
{
    private static readonly Lazy<string> CheckerScript = new(() =>
    {
        var path = Path.Combine(Repository.Root, "src", "Web", "node_modules", "accessibility-checker-engine", "ace.js");
        Assert.True(File.Exists(path), "The accessibility engine is missing: run `npm ci` in src/Web.");
        return File.ReadAllText(path);
    });

    [Fact]
    public Task Every_page_passes_the_accessibility_check_for_the_roles_that_see_it() => WithScreenshotsOnFailure(async () =>
    {
        // Every page is checked before the test fails, so that one run lists all there is to fix.
        var found = new List<string>();
        async Task CheckAsync(IPage page, string what, string? within = null) => found.AddRange(await FindViolationsAsync(page, what, within));
        // Within the application, as its links go, so that the engine, once in the page, stays there; the page has
        // arrived when a heading other than the last page's is shown.
        async Task GoAsync(IPage page, string path)
        {
            await page.EvaluateAsync(
                "path => { document.querySelector('h1')?.setAttribute('data-left', ''); history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate')) }",
                path);
            await Assertions.Expect(page.Locator("h1:not([data-left])")).ToBeVisibleAsync();
        }

        async Task VisitAsync(IPage page, string path, string what)
        {
            await GoAsync(page, path);
            await CheckAsync(page, what);
        }

        var visitor = await NewPageAsync();
        await visitor.GotoAsync($"{system.GatewayUrl}/login");
        await CheckAsync(visitor, "the sign-in page");
        // The language switch is two buttons, pressed from the keyboard as well.
        await visitor.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).FocusAsync();
        await visitor.Keyboard.PressAsync("Enter");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await CheckAsync(visitor, "the sign-in page in English");
        // An invitation link that no longer works: the page says so in place of its form.
        await visitor.GotoAsync($"{system.GatewayUrl}/invitation/{Guid.NewGuid():N}");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await CheckAsync(visitor, "an invitation that cannot be used");

        // The client's contract manager sees the most: the contract and each of its tabs, portfolio, budgets, tickets.
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        await CheckAsync(manager, "the contract manager's home");
        foreach (var (path, what) in new[]
                 {
                     ("/contracts", "the contracts"), ("/portfolio", "the portfolio"), ("/budgets", "the budgets"),
                     ("/notifications", "the notifications"), ("/settings/notifications", "the notification preferences"),
                 })
        {
            await VisitAsync(manager, path, what);
        }

        await GoAsync(manager, $"/contracts/{DemoWorld.AcmeContract}");
        var tabs = manager.GetByRole(AriaRole.Tab);
        for (var i = 0; i < await tabs.CountAsync(); i++)
        {
            var tab = tabs.Nth(i);
            await tab.ClickAsync();
            await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
            await CheckAsync(manager, $"the contract's tab {await tab.InnerTextAsync()}");
        }

        // The demo's invoice of last month, once the contract's prices have reached Invoicing.
        await manager.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Factures") }).ClickAsync();
        await manager.GetByRole(AriaRole.Table, new() { Name = "Factures du contrat" }).GetByRole(AriaRole.Link).First.ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^(Facture|Avoir) "), Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(manager, "an invoice");
        await VisitAsync(manager, "/no-such-page", "the page that does not exist");
        await VisitAsync(manager, $"/contracts/{DemoWorld.AcmeContract}/tickets/import", "the ticket import");
        await VisitAsync(manager, "/tickets", "the client's tickets");
        await manager.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/tickets/[0-9a-f-]{36}"));
        await CheckAsync(manager, "a ticket");
        await manager.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications") }).FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        await Assertions.Expect(manager.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        await CheckAsync(manager, "the notification bell's menu", "[role=menu]");

        // The client's administrator, in English.
        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@acme.example", DemoWorld.Password, "en");
        await CheckAsync(admin, "the administrator's home in English");
        await VisitAsync(admin, "/users", "the users in English");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite a user" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await CheckAsync(admin, "the invitation dialog in English", "[role=dialog]");
        await VisitAsync(admin, "/service-accounts", "the service accounts in English");
        await VisitAsync(admin, "/audit", "the audit log in English");

        var operatorPage = await NewPageAsync();
        await LogInAsync(operatorPage, "operator@infogerance.example", DemoWorld.Password);
        await CheckAsync(operatorPage, "the operator's home");
        await VisitAsync(operatorPage, "/organisations", "the organisations");

        var requester = await NewPageAsync();
        await LogInAsync(requester, "requester@acme.example", DemoWorld.Password);
        await CheckAsync(requester, "the requester's home");

        // The provider's side: the desk, its queue, a ticket as the agent sees it, the canned replies.
        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        await CheckAsync(agent, "the agent's home");
        await VisitAsync(agent, "/tickets", "the desk queue");
        await agent.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex("/tickets/[0-9a-f-]{36}"));
        await CheckAsync(agent, "a ticket as the agent sees it");
        await VisitAsync(agent, "/canned-replies", "the canned replies");
        var accountManager = await NewPageAsync();
        await LogInAsync(accountManager, "manager@antares.example", DemoWorld.Password, "en");
        await CheckAsync(accountManager, "the account manager's home in English");
        await VisitAsync(accountManager, "/portfolio", "the provider's portfolio in English");

        // On a phone: lists of cards, folded filters and the navigation behind its button.
        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await LogInAsync(phone, "manager@acme.example", DemoWorld.Password);
        await CheckAsync(phone, "the home on a phone");
        await VisitAsync(phone, "/tickets", "the tickets on a phone");
        await VisitAsync(phone, "/contracts", "the contracts on a phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la navigation" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeInViewportAsync();
        await CheckAsync(phone, "the navigation on a phone");
        Assert.True(found.Count == 0, $"{found.Count} accessibility violation(s):\n{string.Join('\n', found)}");
    });

    [Fact]
    public Task A_dialog_and_the_header_s_menus_work_from_the_keyboard_alone() => WithScreenshotsOnFailure(async () =>
    {
        var manager = await NewPageAsync();
        await LogInAsync(manager, "manager@acme.example", DemoWorld.Password);
        await manager.GotoAsync($"{system.GatewayUrl}/tickets");

        // A dialog opens with Enter, keeps Tab inside itself, closes with Escape and gives focus back to its button.
        var create = manager.GetByRole(AriaRole.Button, new() { Name = "Nouveau ticket" });
        await create.FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        var dialog = manager.GetByRole(AriaRole.Dialog, new() { Name = "Nouveau ticket" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await AssertAccessibleAsync(manager, "the new ticket dialog", "[role=dialog]");
        var visited = new HashSet<string>();
        for (var i = 0; i < 25; i++)
        {
            await manager.Keyboard.PressAsync(i % 5 == 4 ? "Shift+Tab" : "Tab");
            var focused = await manager.EvaluateAsync<string?>(
                "() => document.activeElement?.closest('[role=dialog]') ? document.activeElement.outerHTML.slice(0, 80) : null");
            Assert.True(focused is not null, $"Tab number {i + 1} left the dialog");
            visited.Add(focused);
        }

        Assert.True(visited.Count > 3, $"Tab reached only {visited.Count} controls of the dialog");
        await manager.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(create).ToBeFocusedAsync();

        // The bell opens with Enter, its items are walked with the arrows, and Enter follows one.
        var bell = manager.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Notifications") });
        await bell.FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        var seeAll = manager.GetByRole(AriaRole.Menuitem, new() { Name = "Voir toutes les notifications" });
        await Assertions.Expect(seeAll).ToBeVisibleAsync();
        await ArrowToAsync(manager, seeAll);
        await manager.Keyboard.PressAsync("Enter");
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/notifications$"));
        await Assertions.Expect(manager.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);

        // The user menu opens with Space, and Escape closes it back onto its button; then Enter and the arrows choose.
        var user = manager.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Marc Dubois" });
        await user.FocusAsync();
        await manager.Keyboard.PressAsync(" ");
        var preferences = manager.GetByRole(AriaRole.Menuitem, new() { Name = "Préférences de notification" });
        await Assertions.Expect(preferences).ToBeVisibleAsync();
        await manager.Keyboard.PressAsync("Escape");
        await Assertions.Expect(preferences).ToBeHiddenAsync();
        await Assertions.Expect(user).ToBeFocusedAsync();
        await manager.Keyboard.PressAsync("Enter");
        await ArrowToAsync(manager, preferences);
        await manager.Keyboard.PressAsync("Enter");
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/settings/notifications$"));
    });

    [Fact]
    public Task An_agent_walks_the_desk_queue_to_a_ticket_by_keyboard() => WithScreenshotsOnFailure(async () =>
    {
        var agent = await NewPageAsync();
        await LogInAsync(agent, "agent1@antares.example", DemoWorld.Password);
        await agent.GotoAsync($"{system.GatewayUrl}/tickets");
        var queue = agent.GetByRole(AriaRole.Table, new() { Name = "La file du support, l’échéance SLA la plus proche d’abord" });
        await Assertions.Expect(queue.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();

        // The first Tab reaches the link that skips the header and the navigation.
        await agent.Keyboard.PressAsync("Tab");
        await Assertions.Expect(agent.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" })).ToBeFocusedAsync();
        await agent.Keyboard.PressAsync("Enter");
        string? ticket = null;
        for (var i = 0; i < 40 && ticket is null; i++)
        {
            await agent.Keyboard.PressAsync("Tab");
            ticket = await agent.EvaluateAsync<string?>(
                "() => { const href = document.activeElement?.closest('table') && document.activeElement.getAttribute('href'); return /^\\/tickets\\/[0-9a-f-]{36}$/.test(href ?? '') ? href : null }");
        }

        Assert.True(ticket is not null, "Tab never reached a ticket of the queue");
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex($"{Regex.Escape(ticket)}$"));
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    });

    /// <summary>Walks an open menu down with the arrow key until <paramref name="item"/> has the focus.</summary>
    private static async Task ArrowToAsync(IPage page, ILocator item)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            if (await item.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"the arrow keys never reached {item}");
    }

    /// <summary>
    /// Runs the engine on the page as it is (or on the element <paramref name="within"/> selects: an open dialog) and
    /// fails on every violation it is sure of, each with its rule, its message and the element's path. Potential
    /// violations and recommendations need a person's judgement (text over an image, for instance): they do not fail.
    /// </summary>
    private static async Task AssertAccessibleAsync(IPage page, string what, string? within = null)
    {
        var violations = await FindViolationsAsync(page, what, within);
        Assert.True(violations.Length == 0, $"{violations.Length} accessibility violation(s):\n{string.Join('\n', violations)}");
    }

    /// <summary>
    /// The violations <see cref="AssertAccessibleAsync"/> fails on, one line each, saying where. A page found at fault
    /// is checked again a moment later and only what is still there counts: a transition that had not started when the
    /// first check waited for the page to be still is judged half drawn, and goes on its own.
    /// </summary>
    private static async Task<string[]> FindViolationsAsync(IPage page, string what, string? within = null)
    {
        var first = await ViolationsNowAsync(page, within);
        if (first.Length == 0)
        {
            return [];
        }

        await page.WaitForTimeoutAsync(1_000);
        var lasting = (await ViolationsNowAsync(page, within)).Intersect(first);
        var where = new Uri(page.Url).PathAndQuery;
        return [.. lasting.Select(violation => $"on {what} ({where}): {violation}")];
    }

    private static async Task<string[]> ViolationsNowAsync(IPage page, string? within)
    {
        // What is still loading or moving would be judged half drawn: a fading dialog's contrast, a spinner's name.
        await Assertions.Expect(page.Locator(".mantine-Loader-root")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        if (!await page.EvaluateAsync<bool>("() => typeof window.ace === 'object'"))
        {
            await page.EvaluateAsync($"() => {{\n{CheckerScript.Value}\nwindow.ace = ace\n}}");
        }

        return await page.EvaluateAsync<string[]>(
            """
            async within => {
              const report = await new window.ace.Checker().check(within ? document.querySelector(within) : document, ['WCAG_2_2'])
              return report.results
                .filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
                .map(r => `${r.ruleId}: ${r.message}\n    at ${r.path.dom}\n    ${r.snippet}`)
            }
            """, within);
    }
}
