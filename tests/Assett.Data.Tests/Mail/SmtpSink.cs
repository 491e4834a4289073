using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Assett.Data.Tests.Mail;

/// <summary>
/// A mail server for tests: accepts messages and keeps their Message-Ids; after <c>acceptBeforeDying</c>
/// messages it drops the connection in the middle of the next one, as a server killed mid-batch would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _dieAfter;

    public SmtpSink(int acceptBeforeDying = int.MaxValue)
    {
        _dieAfter = acceptBeforeDying;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public List<string> MessageIds { get; } = [];

    /// <summary>From now on, accepts every message.</summary>
    public void Revive() => _dieAfter = int.MaxValue;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => SessionAsync(client));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\r\n" };
        await writer.WriteLineAsync("220 sink ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            if (verb == "DATA")
            {
                await writer.WriteLineAsync("354 go on");
                string? id = null;
                while (await reader.ReadLineAsync() is { } data && data != ".")
                    if (id is null && data.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)) id = data[11..].Trim();
                lock (MessageIds)
                {
                    if (MessageIds.Count >= _dieAfter) return; // dropped before answering: the message was not accepted
                    MessageIds.Add(id!);
                }
                await writer.WriteLineAsync("250 queued");
            }
            else if (verb == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else await writer.WriteLineAsync(verb is "EHLO" or "HELO" ? "250 sink" : "250 ok");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
    }
}
