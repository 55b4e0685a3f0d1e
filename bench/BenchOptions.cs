namespace Liandong.Bench;

/// <summary>What to run: sizes, databases, concurrency. Parsed from the command line.</summary>
public sealed record BenchOptions
{
    /// <summary>Prefecture-level cities; every other size is per city.</summary>
    public int Cities { get; init; } = 1;

    /// <summary>County-level units per city (Chongqing: about 40).</summary>
    public int Counties { get; init; } = 40;

    /// <summary>Towns per city, spread evenly over its counties (Chongqing: about 1,000).</summary>
    public int Towns { get; init; } = 1_000;

    /// <summary>Key projects per city, spread evenly over its towns.</summary>
    public int Projects { get; init; } = 100_000;

    /// <summary>Requests in flight at once, for the grains and for the plain-SQL baseline alike.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>The share of projects that send a correction after the first round of reports.</summary>
    public double CorrectionShare { get; init; } = 0.1;

    /// <summary>Each ingest phase is cut into this many slices, run baseline, grains, baseline, grains …</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>Overview reads per kind (city, county) from the grains.</summary>
    public int Reads { get; init; } = 2_000;

    /// <summary>Overview reads per kind from the GROUP BY baseline (each scans the report table).</summary>
    public int BaselineReads { get; init; } = 200;

    public bool SqliteOnly { get; init; }

    /// <summary>Skip the recovery measure (SIGKILL of the silo process, restart, time until every division is exact).</summary>
    public bool NoRecovery { get; init; }

    public bool PostgresOnly { get; init; }

    /// <summary>An existing PostgreSQL server; without it a throwaway cluster is started with scripts/postgres.sh.</summary>
    public string? Postgres { get; init; }

    /// <summary>Call the grains through the silo's own IGrainFactory instead of a cluster client over loopback.</summary>
    public bool InSilo { get; init; }

    public int Seed { get; init; } = 20230608;

    public string Output { get; init; } = "docs/benchmarks/latest.json";

    public string Preset { get; init; } = "default";

    public static BenchOptions Small { get; } = new()
    {
        Counties = 5,
        Towns = 50,
        Projects = 5_000,
        Reads = 1_000,
        BaselineReads = 200,
        Rounds = 2,
        Preset = "small",
    };

    public const string Usage = """
        Liandong benchmark: ingest, overview reads, propagation, memory and correctness of the grains,
        against plain SQL on the same database (SQLite and PostgreSQL in one run).

          dotnet run -c Release --project bench -- [options]

          --small                 a quick preset (5 counties, 50 towns, 5,000 projects)
          --cities N              cities (default 1)
          --counties N            counties per city (default 40)
          --towns N               towns per city (default 1000)
          --projects N            projects per city (default 100000)
          --concurrency N         requests in flight (default 64)
          --rounds N              slices per ingest phase, baseline and grains alternating (default 2)
          --reads N               grain overview reads per kind (default 2000)
          --baseline-reads N      GROUP BY reads per kind (default 200)
          --sqlite-only           skip PostgreSQL
          --no-recovery           skip the recovery measure (SIGKILL of the silo, restart, time until exact)
          --postgres-only         skip SQLite
          --postgres "<cs>"       use this PostgreSQL instead of starting a throwaway one
          --in-silo               call grains through the silo's IGrainFactory, not a cluster client
          --seed N                random seed (default 20230608)
          --out PATH              JSON output (default docs/benchmarks/latest.json)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--small") ? Small : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next(), out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number.");

            options = args[i] switch
            {
                "--small" => options,
                "--cities" => options with { Cities = NextInt(), Preset = "custom" },
                "--counties" => options with { Counties = NextInt(), Preset = "custom" },
                "--towns" => options with { Towns = NextInt(), Preset = "custom" },
                "--projects" => options with { Projects = NextInt(), Preset = "custom" },
                "--concurrency" => options with { Concurrency = NextInt() },
                "--rounds" => options with { Rounds = NextInt() },
                "--reads" => options with { Reads = NextInt() },
                "--baseline-reads" => options with { BaselineReads = NextInt() },
                "--sqlite-only" => options with { SqliteOnly = true },
                "--no-recovery" => options with { NoRecovery = true },
                "--postgres-only" => options with { PostgresOnly = true },
                "--postgres" => options with { Postgres = Next() },
                "--in-silo" => options with { InSilo = true },
                "--seed" => options with { Seed = NextInt() },
                "--out" => options with { Output = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Cities > 89 || options.Counties > 99 || options.Towns > options.Counties * 999 || options.Towns < options.Counties
            || options.Projects < options.Towns)
        {
            throw new ArgumentException("Sizes must fit division codes: at most 89 cities, 99 counties per city, 999 towns per county, "
                + "at least one town per county and one project per town.");
        }

        return options;
    }
}
