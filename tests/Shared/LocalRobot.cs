using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liandong.Tests;

/// <summary>
/// A WeCom group robot on this machine, for the tests of every tier: records each body posted to it and answers
/// <c>{"errcode":0}</c>, or refuses with 500 — the first <c>refuseFirst</c> posts, or every post until
/// <see cref="Accept"/> when made with <c>refuseUntilAccepted</c>.
/// </summary>
public sealed class LocalRobot : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<string> _accepted = new();
    private int _refuseFirst;
    private int _refused;
    private volatile bool _refusing;

    public LocalRobot(int refuseFirst = 0, bool refuseUntilAccepted = false)
    {
        _refuseFirst = refuseFirst;
        _refusing = refuseUntilAccepted;
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        Url = $"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=local";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every body posted, refused or accepted, in order.</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>The bodies answered <c>{"errcode":0}</c>.</summary>
    public IReadOnlyList<string> AcceptedBodies => [.. _accepted];

    public int Calls => _bodies.Count;

    public int Accepted => _accepted.Count;

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>From now on every post is accepted.</summary>
    public void Accept() => _refusing = false;

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var refuse = _refusing || Interlocked.Decrement(ref _refuseFirst) >= 0;
            if (refuse)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                _accepted.Enqueue(body);
            }

            // Counted last, so that a test that sees the call also sees how it was answered.
            _bodies.Enqueue(body);
            context.Response.StatusCode = refuse ? 500 : 200;
            context.Response.ContentType = refuse ? "text/plain" : "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(refuse ? "robot down" : "{\"errcode\":0,\"errmsg\":\"ok\"}"));
            context.Response.Close();
        }
    }
}
