using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Hosting;

namespace Infogerance.AppHost;

/// <summary>Once every resource is healthy: where to go, and the demo logins.</summary>
/// <param name="mailUrl">The mail catcher's web page; null when it is not installed (no e-mail is sent).</param>
/// <param name="sinceStart">Started with the AppHost's Main: run.sh execs the AppHost after building, in the same process.</param>
internal sealed class StartupSummary(
    ResourceNotificationService notifications, IReadOnlyList<string> resources, string gatewayUrl, string? dashboardLoginUrl, string? mailUrl,
    Stopwatch sinceStart)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(resources.Select(resource => notifications.WaitForResourceHealthyAsync(resource, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var summary = new List<string>
        {
            "",
            $"All services healthy in {sinceStart.Elapsed.TotalSeconds:0.0} s",
            $"  Gateway:    {gatewayUrl}",
        };
        if (dashboardLoginUrl is not null)
        {
            summary.Add($"  Dashboard:  {dashboardLoginUrl}");
        }
        summary.Add(mailUrl is not null
            ? $"  Mail:       {mailUrl}   (every e-mail sent, caught)"
            : $"  Mail:       off (install the mail catcher: dotnet tool install Rnwood.Smtp4dev --version {MailCatcher.Version} --tool-path .tools)");
        summary.Add($"  Demo logins (demo only), password {DemoWorld.Password}:");
        var organisations = DemoWorld.Organisations.ToDictionary(organisation => organisation.Id, organisation => organisation.Name);
        foreach (var login in DemoWorld.Logins)
        {
            var organisation = organisations.GetValueOrDefault(login.OrganisationId, "Platform");
            summary.Add($"    {login.Email,-36} {login.Role,-16} {organisation}");
        }
        summary.Add("Press Ctrl-C to stop.");
        Console.Out.WriteLine(string.Join('\n', summary));
        await Console.Out.FlushAsync(stoppingToken);
    }
}
