using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Infogerance.ServiceDefaults;

/// <summary>Work that must finish before the service accepts requests (migrations, connectivity checks).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A start-up failure the operator can fix (missing connection string, unreachable server, port taken).
/// Its message is one line that says what is wrong and how to fix it; no stack trace is printed.
/// </summary>
public sealed class StartupFailedException(string message, Exception? inner = null) : Exception(message, inner);

public static class StartupTaskExtensions
{
    private static int _failureReporterInstalled;

    public static IServiceCollection AddStartupTask<TTask>(this IServiceCollection services) where TTask : class, IStartupTask =>
        services.AddSingleton<IStartupTask, TTask>();

    /// <summary>Runs the start-up tasks, then the service until it is stopped.</summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        using (var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await app.Services.RunStartupTasksAsync(startup.Token);
        }

        await app.RunAsync();
    }

    public static async Task RunStartupTasksAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var task in services.GetServices<IStartupTask>())
        {
            await task.RunAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Start-up failures surface wherever configuration is first read (building the app, mapping health checks,
    /// migrating, binding the port): whichever it is, the process prints one line and exits with code 1.
    /// </summary>
    internal static void ReportStartupFailuresAsOneLine(string applicationName)
    {
        if (Interlocked.Exchange(ref _failureReporterInstalled, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, args) =>
        {
            var message = args.ExceptionObject switch
            {
                StartupFailedException failure => failure.Message,
                IOException { InnerException: AddressInUseException } inUse =>
                    $"{inUse.Message.TrimEnd('.')}: another process uses this port; stop it or set ASPNETCORE_URLS to a free one.",
                _ => null,
            };
            if (message is not null)
            {
                Console.Error.WriteLine($"{applicationName}: {message}");
                Environment.Exit(1);
            }
        };
    }
}
