using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Bench;

/// <summary>A generated project: its codes and what it plans.</summary>
public sealed record BenchProject(int Index, string Code, string City, string County, string Town, long PlanCents);

/// <summary>One report to send: a project's amount for a month, in cents of a yuan (0.000001 万元).</summary>
public readonly record struct ReportJob(int Project, int Year, int Month, long AmountCents)
{
    /// <summary>The amount in 万元, exactly: the grains and the SQL sums must agree to the cent.</summary>
    public decimal Amount => AmountCents / Workload.CentsPerWan;
}

/// <summary>
/// The hierarchy and the reports of a run, generated from a seed so that both databases and the baseline
/// see the same data. Money is generated in whole cents and carried as 万元 with six decimals.
/// </summary>
public sealed class Workload
{
    public const decimal CentsPerWan = 1_000_000m;

    private Workload(BenchOptions options)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var lastMonth = today.AddMonths(-1);
        (Year, Month) = (lastMonth.Year, lastMonth.Month);
        ProbePeriod = (Year - 1, 12);

        var random = new Random(options.Seed);
        var cities = new List<string>();
        var counties = new List<(string Code, string City)>();
        var towns = new List<(string Code, string County)>();
        var projects = new List<BenchProject>();
        for (var c = 0; c < options.Cities; c++)
        {
            var city = $"50{c + 1:D2}00";
            cities.Add(city);
            var cityCounties = Enumerable.Range(0, options.Counties).Select(k => city[..4] + $"{k + 1:D2}").ToList();
            counties.AddRange(cityCounties.Select(k => (k, city)));
            var cityTowns = new List<(string Code, string County)>();
            for (var t = 0; t < options.Towns; t++)
            {
                var county = cityCounties[t % cityCounties.Count];
                cityTowns.Add((county + $"{t / cityCounties.Count + 1:D3}", county));
            }

            towns.AddRange(cityTowns);
            var serials = new Dictionary<string, int>();
            for (var p = 0; p < options.Projects; p++)
            {
                var (town, county) = cityTowns[p % cityTowns.Count];
                var serial = serials[county] = serials.GetValueOrDefault(county) + 1;
                var plan = random.NextInt64(1_000, 50_000) * 1_000_000L;
                projects.Add(new BenchProject(projects.Count, $"{Year}-{county}-48-01-{serial:D6}", city, county, town, plan));
            }
        }

        Cities = cities;
        Counties = counties;
        Towns = towns;
        Projects = projects;

        // Reports arrive in no particular order: a real month's reports come from every town at once.
        var order = Enumerable.Range(0, projects.Count).ToArray();
        random.Shuffle(order);
        FirstReports = order.Select(p => new ReportJob(p, Year, Month, NextAmount(random))).ToArray();
        var corrected = order.Take((int)Math.Round(projects.Count * options.CorrectionShare)).ToArray();
        random.Shuffle(corrected);
        Corrections = corrected.Select(p => new ReportJob(p, Year, Month, NextAmount(random))).ToArray();

        // Probe reports go to projects spread over the whole city, one probe per project at most.
        var probes = order.Skip(corrected.Length).ToArray();
        ProbeProjects = probes.Length == 0 ? order : probes;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The period only probe reports use, so that the city total of it moves only when a probe arrives.</summary>
    public (int Year, int Month) ProbePeriod { get; }

    public IReadOnlyList<string> Cities { get; }

    public IReadOnlyList<(string Code, string City)> Counties { get; }

    public IReadOnlyList<(string Code, string County)> Towns { get; }

    public IReadOnlyList<BenchProject> Projects { get; }

    public IReadOnlyList<ReportJob> FirstReports { get; }

    public IReadOnlyList<ReportJob> Corrections { get; }

    public IReadOnlyList<int> ProbeProjects { get; }

    public static Workload Generate(BenchOptions options) => new(options);

    public ProjectProfile Profile(BenchProject p) =>
        new(p.Code, $"基准项目 {p.Code}", p.Town, (ProjectCategory)(p.Index % 4), null, ProjectStage.Continuing,
            p.PlanCents * 3 / CentsPerWan, [new AnnualPlan(Year, p.PlanCents / CentsPerWan)],
            new DateOnly(Year - 2, 1, 1), new DateOnly(Year + 3, 12, 31));

    public static ReportInput Input(ReportJob job) => new(job.Year, job.Month, job.Amount, null, null, ImmutableArray<string>.Empty);

    private static long NextAmount(Random random) => random.NextInt64(1, 2_000_000_000L);
}
