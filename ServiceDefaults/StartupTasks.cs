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
    public static IServiceCollection AddStartupTask<TTask>(this IServiceCollection services) where TTask : class, IStartupTask =>
        services.AddSingleton<IStartupTask, TTask>();

    /// <summary>Runs the start-up tasks, then the service. Returns the process exit code.</summary>
    public static async Task<int> RunServiceAsync(this WebApplication app)
    {
        try
        {
            using (var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                await app.Services.RunStartupTasksAsync(startup.Token);
            }

            await app.RunAsync();
            return 0;
        }
        catch (StartupFailedException ex)
        {
            return Fail(app, ex.Message);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            return Fail(app, $"{ex.Message.TrimEnd('.')}: another process uses this port; stop it or set ASPNETCORE_URLS to a free one.");
        }
    }

    public static async Task RunStartupTasksAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var task in services.GetServices<IStartupTask>())
        {
            await task.RunAsync(cancellationToken);
        }
    }

    private static int Fail(WebApplication app, string message)
    {
        Console.Error.WriteLine($"{app.Environment.ApplicationName}: {message}");
        return 1;
    }
}
