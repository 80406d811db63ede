using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.Playwright;

namespace Infogerance.EndToEnd.Tests.Browser;

/// <summary>
/// The gateway's API reference in Debian's Chromium, under the gateway's content security policy: it must render
/// the services' documents with nothing loaded from another origin and nothing refused by the policy.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiReferenceBrowserTests(InfogeranceSystem system) : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
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
    public async Task The_api_reference_renders_every_service_from_the_gateway_alone()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = system.GatewayUrl });
        var login = await context.APIRequest.PostAsync("/bff/login", new APIRequestContextOptions
        {
            DataObject = new { email = "requester@acme.example", password = DemoWorld.Password },
            Headers = new Dictionary<string, string> { ["X-CSRF"] = "1" },
        });
        Assert.True(login.Ok, $"sign-in answered {login.Status}");

        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(system.GatewayUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        // The bundle is large and parses slowly on a loaded machine: more than the default five seconds.
        var rendered = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
        await page.GotoAsync("/api/docs");
        await Assertions.Expect(page.GetByText("Infogérance Contracts API").First).ToBeVisibleAsync(rendered);
        foreach (var service in new[] { "Identity", "Incidents", "Invoicing", "Reporting", "Notifications" })
        {
            await page.GotoAsync($"/api/docs/{service.ToLowerInvariant()}");
            await Assertions.Expect(page.GetByText($"Infogérance {service} API").First).ToBeVisibleAsync(rendered);
        }

        Assert.Empty(elsewhere);
        Assert.Empty(errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
