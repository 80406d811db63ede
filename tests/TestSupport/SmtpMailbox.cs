using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Infogerance.LocalServers;
using MimeKit;

namespace Infogerance.TestSupport;

/// <summary>A mail as the mailbox received it: the envelope, the parsed message, and when its last byte arrived.</summary>
/// <param name="ReceivedAt">A <see cref="Stopwatch"/> timestamp.</param>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> Recipients, MimeMessage Message, long ReceivedAt)
{
    public string To => Recipients[0];
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";
    public string MessageId => Message.MessageId ?? "";
}

/// <summary>
/// A real SMTP server on loopback speaking just enough of the protocol (RFC 5321 without extensions beyond 8BITMIME)
/// for a client such as MailKit: the tests' mail server, standing in for the provider's. It can be stopped (its port
/// then refuses connections) and started again on the same port.
/// </summary>
public sealed class SmtpMailbox : IAsyncDisposable
{
    private static readonly Encoding Bytes = Encoding.Latin1;

    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task _accepting = Task.CompletedTask;

    private SmtpMailbox(int port) => Port = port;

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>Every mail received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public static SmtpMailbox Start(int? port = null)
    {
        var mailbox = new SmtpMailbox(port ?? Ports.GetFreePort());
        mailbox.Resume();
        return mailbox;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _stopping = new CancellationTokenSource();
            _accepting = AcceptAsync(listener, _stopping.Token);
        }
    }

    /// <summary>Closes the port and drops the connections open: a client now meets "connection refused".</summary>
    public async Task StopAsync()
    {
        Task accepting;
        lock (_gate)
        {
            if (_listener is null)
            {
                return;
            }

            _stopping!.Cancel();
            _listener.Stop();
            _listener = null;
            accepting = _accepting;
        }

        await accepting;
    }

    /// <summary>The mails received for <paramref name="address"/>.</summary>
    public IReadOnlyList<ReceivedMail> For(string address) =>
        [.. _received.Where(mail => mail.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until <paramref name="count"/> mails for <paramref name="address"/> arrived, and returns them.</summary>
    public Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(address, _ => true, count, timeout);

    /// <summary>Waits until <paramref name="count"/> mails for <paramref name="address"/> matching <paramref name="match"/> arrived, and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, Func<ReceivedMail, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var mails = For(address).Where(match).ToList();
            if (mails.Count >= count)
            {
                return mails;
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{mails.Count} of {count} mails for {address} arrived");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        var sessions = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping);
                sessions.RemoveAll(session => session.IsCompleted);
                sessions.Add(ServeAsync(client, stopping));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var connection = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Bytes, detectEncodingFromByteOrderMarks: false);
            await using var writer = new StreamWriter(stream, Bytes) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 mailbox ESMTP ready");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stopping) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-mailbox\r\n250 8BITMIME\r\n");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        (from, recipients) = (null, []);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        (from, recipients) = (Address(line), []);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT" when from is not null:
                        recipients.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA" when from is not null && recipients.Count > 0:
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stopping) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        using (var content = new MemoryStream(Bytes.GetBytes(data.ToString())))
                        {
                            _received.Enqueue(new ReceivedMail(from, recipients, await MimeMessage.LoadAsync(content, stopping), Stopwatch.GetTimestamp()));
                        }

                        _arrived.Release();
                        (from, recipients) = (null, []);
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("503 Bad sequence of commands");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the mailbox stopped.
        }
    }

    /// <summary>The address between angle brackets of <c>MAIL FROM:&lt;a&gt;</c> or <c>RCPT TO:&lt;a&gt;</c>.</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }
}
