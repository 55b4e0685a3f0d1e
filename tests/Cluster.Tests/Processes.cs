using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liandong.Cluster.Tests;

/// <summary>A Silo or Client started as its own process from the build output, as ./run.sh starts them.</summary>
public sealed class TierProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TierProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    public static TierProcess Start(string tier, IReadOnlyDictionary<string, string> environment)
    {
        var (directory, dll) = tier switch
        {
            "Silo" => (Path.Combine(Repository.Root, "Silo"), "Liandong.Silo.dll"),
            "Client" => (Path.Combine(Repository.Root, "Client"), "Liandong.Client.dll"),
            _ => throw new ArgumentOutOfRangeException(nameof(tier)),
        };
        var info = new ProcessStartInfo("dotnet", Path.Combine(directory, "bin", Repository.Configuration, "net10.0", dll))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (tier == "Client")
        {
            // The key TestTokens signs with; a test may set its own (or a key file) instead.
            info.Environment["Auth__SigningKey"] = TestTokens.SigningKey;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{tier} did not start.");
        var tierProcess = new TierProcess(tier, process);
        process.OutputDataReceived += (_, e) => tierProcess.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tierProcess.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tierProcess;
    }

    /// <summary>SIGKILL: no shutdown hooks, nothing flushed that was not already durable.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process stays, connections stay open, and nothing answers (a hung or starved host).</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a paused process goes on.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString()]);
        await kill!.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host shuts down gracefully.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await Task.CompletedTask;
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>Where the repository and its build output are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever built this test assembly.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>
    /// Prints a measurement and appends it to TestResults/cluster-tests.txt, which ./test.sh shows at the end
    /// (xUnit keeps a passing test's output to itself).
    /// </summary>
    public static void Record(string line)
    {
        Console.WriteLine(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        var file = Path.Combine(Root, "TestResults", "cluster-tests.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {TestContext.Current.Test?.TestDisplayName}: {line}{Environment.NewLine}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liandong.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Liandong.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Polling for tests against processes that take their time: a refused connection or a timeout counts as "not yet".</summary>
public static class Polling
{
    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds; fails with <paramref name="message"/> and <paramref name="output"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message, Func<string> output)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{message}.\n{output()}");
    }

    /// <summary>The last lines of each process, for a failure message.</summary>
    public static string Tails(IEnumerable<TierProcess> processes) =>
        string.Join("\n", processes.Select(p => $"--- {p.Name} ---\n{p.Tail}"));
}
