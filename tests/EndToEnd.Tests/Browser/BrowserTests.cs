using System.Text.RegularExpressions;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Playwright;

namespace Infogerance.EndToEnd.Tests.Browser;

/// <summary>
/// The SPA in Debian's Chromium, served by the gateway in front of the real services. Selectors are the labels a
/// user reads (French by default). On failure, a screenshot of each open page is attached to the test result.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BrowserTests(InfogeranceSystem system) : IAsyncLifetime
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

    private async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync($"{system.GatewayUrl}/login");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(new Regex("^Mot de passe")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeVisibleAsync();
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
