using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Infogerance.AppHost;

/// <summary>
/// The local mail catcher: smtp4dev (the .NET tool Rnwood.Smtp4dev 3.15.0, installed under <c>.tools/</c> by run.sh and
/// test.sh), which accepts on loopback every e-mail the services send and shows them on its web page. Identity (its
/// invitations) and Notifications are pointed at it in clear (<c>Smtp:Security</c> None, which they allow only towards
/// this machine). Without the tool, the run goes on without e-mail: invitations show their link, notifications stay in the app.
/// </summary>
internal static class MailCatcher
{
    public const string Version = "3.15.0";

    /// <summary>Where run.sh installs the tool, from the repository's root.</summary>
    public static string ToolPath(string root) => Path.Combine(root, ".tools", "smtp4dev");

    /// <summary>Adds the catcher and points <paramref name="senders"/> at it; returns its web page, or null when the tool is not installed.</summary>
    public static string? AddMailCatcher(
        this IDistributedApplicationBuilder builder, string root, string dataDirectory, CommandLine options,
        IEnumerable<(IResourceBuilder<ProjectResource> Service, string Section)> senders, out IResourceBuilder<ExecutableResource>? catcher)
    {
        catcher = null;
        var tool = ToolPath(root);
        if (!File.Exists(tool))
        {
            return null;
        }

        ServerResources.EnsurePortFree(options.MailPort, "the mail catcher's web page", "--mail-port");
        ServerResources.EnsurePortFree(options.SmtpPort, "the mail catcher's SMTP", "--smtp-port");
        var folder = Path.Combine(dataDirectory, "smtp4dev");
        Directory.CreateDirectory(folder);
        var url = $"http://localhost:{options.MailPort}";
        catcher = builder.AddExecutable("mail", tool, folder,
                $"--urls={url}", $"--smtpport={options.SmtpPort}", "--bindaddress=127.0.0.1", "--hostname=localhost", "--tlsmode=None",
                // Messages in memory, IMAP and POP3 off, no settings from the developer's profile: a catcher, nothing kept.
                "--db=", "--imapport=", "--pop3port=", "--nousersettings", $"--baseappdatapath={folder}")
            .WithHttpEndpoint(port: options.MailPort, name: "http", isProxied: false)
            .WithHttpHealthCheck("/");
        var gateway = $"http://localhost:{options.GatewayPort}";
        foreach (var (service, section) in senders)
        {
            service.WithEnvironment($"{section}__Smtp__Host", "127.0.0.1")
                .WithEnvironment($"{section}__Smtp__Port", options.SmtpPort.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment($"{section}__Smtp__Security", "None")
                // The links in e-mails lead to the gateway, where the web app is.
                .WithEnvironment($"{section}__PublicOrigin", gateway);
        }

        return url;
    }
}
