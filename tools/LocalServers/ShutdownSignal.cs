using System.Runtime.InteropServices;

namespace Infogerance.LocalServers;

/// <summary>Ctrl-C, SIGTERM or SIGHUP, turned into a token so that everything stops in order instead of at once.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            // A closed terminal sends SIGHUP, which PostgreSQL and RabbitMQ ignore: without this they would outlive us.
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    public CancellationToken Token => requested.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
        requested.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Request();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Request();
    }

    private void Request()
    {
        if (requested.IsCancellationRequested) return;
        Terminal.WriteLine("Stopping…");
        // Asynchronously, so that the stop sequence does not run on the signal handler's thread.
        _ = requested.CancelAsync();
    }
}
