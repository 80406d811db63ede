using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

/// <summary>
/// Runs the start-up tasks when the host starts, before any hosted service (outbox dispatcher, bus, web server)
/// starts, whoever starts the host: the service itself, a test's WebApplicationFactory, or a test host.
/// </summary>
public sealed class StartupTaskRunner(IServiceProvider services) : IHostedLifecycleService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            foreach (var task in services.GetServices<IStartupTask>())
            {
                await task.RunAsync(timeout.Token);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StartupTaskExtensions
{
    /// <summary>Registers the runner of the start-up tasks; called by every service's defaults.</summary>
    public static IServiceCollection AddStartupTaskRunner(this IServiceCollection services)
    {
        if (services.All(service => service.ServiceType != typeof(StartupTaskRunner)))
        {
            services.AddSingleton<StartupTaskRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<StartupTaskRunner>());
        }

        return services;
    }

    private static int _failureReporterInstalled;

    public static IServiceCollection AddStartupTask<TTask>(this IServiceCollection services) where TTask : class, IStartupTask =>
        services.AddStartupTaskRunner().AddSingleton<IStartupTask, TTask>();

    /// <summary>Runs the service until it is stopped; its start-up tasks run first, as the host starts.</summary>
    public static Task RunServiceAsync(this WebApplication app) => app.RunAsync();

    /// <summary>Runs the start-up tasks now (once per service provider), for hosts that need them before starting.</summary>
    public static async Task RunStartupTasksAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var state = services.GetService<StartupTaskRunner>();
        if (state is not null)
        {
            await state.RunOnceAsync(cancellationToken);
            return;
        }

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
