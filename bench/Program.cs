using System.Diagnostics;
using System.Runtime.InteropServices;
using Liandong.Bench;
using Liandong.Silo.Storage;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var root = RepositoryRoot();
var workload = Workload.Generate(options);
Console.WriteLine($"Liandong benchmark ({options.Preset}): {options.Cities} × {options.Counties} counties × {options.Towns} towns × "
    + $"{options.Projects} projects per city; {workload.FirstReports.Count} reports + {workload.Corrections.Count} corrections for "
    + $"{workload.Year}-{workload.Month:D2}; {options.Concurrency} in flight; {Environment.ProcessorCount} cores");

// The commit the run measures: taken before it starts, while the work tree is what is being measured.
var commit = await Git.CommitAsync(root);
var results = new List<DatabaseResult>();
var scratch = Directory.CreateTempSubdirectory("liandong-bench-").FullName;
string? postgresDirectory = null;

// Ctrl-C or SIGTERM must not leave a PostgreSQL server behind. The silo's host would otherwise take the signal
// for itself and stop only the silo, so the benchmark handles it: clean up, then exit.
void Abort(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping");
    if (postgresDirectory is not null)
    {
        Postgres.StopAsync(root, postgresDirectory).GetAwaiter().GetResult();
    }

    Environment.Exit(130);
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abort);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abort);
try
{
    var sqlitePath = Path.Combine(scratch, "sqlite", "liandong.db");
    var sqliteStorage = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = sqlitePath };
    var sqliteConnection = StorageDatabase.From(new StorageOptions { Provider = StorageProvider.Sqlite, Sqlite = { Path = sqlitePath } }, scratch)
        .ConnectionString;
    Directory.CreateDirectory(Path.GetDirectoryName(sqlitePath)!);
    if (!options.PostgresOnly)
    {
        results.Add(await new DatabaseRun(options, workload,
            new BenchTarget("sqlite", sqliteStorage, () => new SqliteBaseline(sqliteConnection)), Path.Combine(scratch, "sqlite")).RunAsync());
    }

    if (!options.SqliteOnly)
    {
        var connection = options.Postgres;
        if (connection is null)
        {
            postgresDirectory = Path.Combine("/tmp", $"liandong-bench-pg-{Environment.ProcessId}");
            connection = await Postgres.StartAsync(root, postgresDirectory);
        }

        var postgresStorage = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = connection };

        // The baseline connects exactly as the silo's providers do.
        var siloConnection = StorageDatabase.From(
            new StorageOptions { Provider = StorageProvider.Postgres, Postgres = { ConnectionString = connection } }, scratch).ConnectionString;
        Directory.CreateDirectory(Path.Combine(scratch, "postgres"));
        results.Add(await new DatabaseRun(options, workload,
            new BenchTarget("postgres", postgresStorage, () => new PostgresBaseline(siloConnection, options.Concurrency)),
            Path.Combine(scratch, "postgres")).RunAsync());
    }
}
finally
{
    if (postgresDirectory is not null)
    {
        await Postgres.StopAsync(root, postgresDirectory);
    }

    try
    {
        Directory.Delete(scratch, recursive: true);
    }
    catch (IOException)
    {
        // A file still held open is left in /tmp.
    }
}

var report = new BenchReport(
    DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
    commit,
    Environment.ProcessorCount,
    $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}",
    RuntimeInformation.FrameworkDescription,
    options.Preset,
    new Sizes(options.Cities, options.Counties, options.Towns, options.Projects, workload.FirstReports.Count, workload.Corrections.Count),
    options.InSilo ? "silo IGrainFactory (in-process)" : "cluster client over loopback",
    options.Concurrency,
    results,
    results.All(r => r.Correct));

var output = Path.GetFullPath(options.Output, root);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToJson() + Environment.NewLine);

Console.WriteLine();
Console.WriteLine(report.ToConsoleTable());
Console.WriteLine("Markdown for the README:");
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
Console.WriteLine($"Written {output}");
return report.Correct ? 0 : 1;

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liandong.slnx")))
            {
                return dir.FullName;
            }
        }
    }

    return Directory.GetCurrentDirectory();
}

/// <summary>A throwaway PostgreSQL cluster from scripts/postgres.sh.</summary>
internal static class Postgres
{
    public static async Task<string> StartAsync(string root, string directory)
    {
        var port = 40000 + Environment.ProcessId % 20000;
        Console.WriteLine($"[postgres] starting a throwaway cluster in {directory} on port {port}");
        var output = await RunAsync(root, "start", directory, port.ToString());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }

    public static async Task StopAsync(string root, string directory)
    {
        Console.WriteLine($"[postgres] stopping {directory}");
        await RunAsync(root, "stop", directory);
    }

    private static async Task<string> RunAsync(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
        }

        return output;
    }
}

/// <summary>The commit the benchmark ran on, marked when the work tree had changes.</summary>
internal static class Git
{
    public static async Task<string> CommitAsync(string root)
    {
        try
        {
            var head = (await RunAsync(root, "rev-parse", "--short=12", "HEAD")).Trim();
            var dirty = (await RunAsync(root, "status", "--porcelain", "--untracked-files=no")).Trim().Length > 0;
            return dirty ? head + "+changes" : head;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static async Task<string> RunAsync(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("git failed.");
    }
}
