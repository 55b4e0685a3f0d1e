using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Options;

namespace Liandong.Silo.Demo;

/// <summary>Whether the demo scenario is loaded into an empty database (<c>Demo:Load</c>, on by default).</summary>
public sealed class DemoOptions
{
    public bool Load { get; set; } = true;
}

/// <summary>
/// Loads the built-in demo scenario (DESIGN.md "The situation it serves"): Zhanjiang with its nine
/// county-level units and their towns under their real division codes, and invented key projects with
/// 2022 and January–May 2023 reports. It only runs when the city is not registered yet.
/// </summary>
public sealed class DemoScenario(IGrainFactory grains, IEnumerable<IDemoPart> parts, ILogger<DemoScenario> logger)
{
    public const string CityCode = "440800";
    private const string Actor = "demo";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Loads the scenario unless the city already exists; returns whether it loaded.</summary>
    public async Task<bool> LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        var city = grains.GetGrain<ICityGrain>(CityCode);
        if (await city.GetInfoAsync() is not null)
        {
            return false;
        }

        logger.LogWarning("Loading the demo scenario: every figure in it is invented (演示数据)");
        var divisions = ReadDivisions();
        var cityRow = divisions.Single(d => d.Level == "city");
        var counties = divisions.Where(d => d.Level == "county").ToList();
        var towns = divisions.Where(d => d.Level == "town").ToList();
        var projects = ReadProjects();

        await city.RegisterAsync(cityRow.Name, Actor);

        // Counties and towns register one at a time per parent: each announces itself to its parent grain.
        foreach (var county in counties)
        {
            await grains.GetGrain<ICountyGrain>(county.Code).RegisterAsync(county.Name, CityCode, Actor);
        }

        // Towns of different counties touch different parents, so they may register side by side.
        await Task.WhenAll(towns.GroupBy(t => t.ParentCode).Select(async group =>
        {
            foreach (var town in group)
            {
                await grains.GetGrain<ITownGrain>(town.Code).RegisterAsync(town.Name, town.ParentCode, Actor);
            }
        }));

        // Each project is its own grain; loading them in parallel only meets at the town and county grains,
        // which batch their writes.
        await Parallel.ForEachAsync(projects.Projects, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (p, _) =>
            {
                var grain = grains.GetGrain<IProjectGrain>(p.Code);
                var profile = new ProjectProfile(p.Code, p.Name, p.TownCode, p.Category, p.SubCategory, p.Stage, p.TotalInvestment,
                    p.AnnualPlans.Select(a => new AnnualPlan(a.Year, a.Amount)).ToImmutableArray(), p.StartDate, p.PlannedCompletionDate);
                await grain.RegisterAsync(profile, Actor);
                foreach (var r in p.Reports)
                {
                    await grain.SubmitReportAsync(new ReportInput(r.Year, r.Month, r.InvestmentCompleted, r.ProgressPercent, r.ImageProgress,
                        [.. r.Problems]), Actor);
                }
            });

        // Later flows (meetings, matters, financing …) add their part of the story on top of the projects.
        foreach (var part in parts.OrderBy(p => p.Order))
        {
            await part.LoadAsync(grains, cancellationToken);
        }

        logger.LogWarning("Demo scenario loaded: {Counties} counties, {Towns} towns, {Projects} projects", counties.Count, towns.Count, projects.Projects.Count);
        return true;
    }

    private static List<DivisionRow> ReadDivisions()
    {
        using var reader = new StreamReader(Resource("divisions-zhanjiang.csv"));
        var rows = new List<DivisionRow>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length == 4)
            {
                rows.Add(new DivisionRow(cells[0], cells[1], cells[2], cells[3]));
            }
        }

        return rows;
    }

    private static DemoProjects ReadProjects()
    {
        using var stream = Resource("projects-2023.json");
        return JsonSerializer.Deserialize<DemoProjects>(stream, Json) ?? throw new InvalidOperationException("The demo project file is empty.");
    }

    private static Stream Resource(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        return assembly.GetManifestResourceStream(name)!;
    }

    private sealed record DivisionRow(string Level, string Code, string Name, string ParentCode);

    private sealed record DemoProjects(string Notice, int Year, List<DemoProject> Projects);

    private sealed record DemoPlan(int Year, decimal Amount);

    private sealed record DemoReport(int Year, int Month, decimal InvestmentCompleted, decimal? ProgressPercent, string? ImageProgress, List<string> Problems);

    private sealed record DemoProject(
        string Code, string Name, string TownCode, ProjectCategory Category, string? SubCategory, ProjectStage Stage,
        decimal TotalInvestment, List<DemoPlan> AnnualPlans, DateOnly? StartDate, DateOnly? PlannedCompletionDate, List<DemoReport> Reports);
}

/// <summary>A piece of the demo story that a flow adds once the hierarchy and projects are loaded.</summary>
public interface IDemoPart
{
    /// <summary>Parts load in ascending order.</summary>
    int Order { get; }

    Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken);
}

/// <summary>Runs the demo loader once the silo has started.</summary>
public sealed class DemoLoaderService(
    DemoScenario scenario, IOptions<DemoOptions> options, Hosting.StartupAccounts accounts, ILogger<DemoLoaderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Load)
        {
            accounts.DemoDone();
            return;
        }

        try
        {
            await scenario.LoadIfEmptyAsync(stoppingToken);
            accounts.DemoDone();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The demo scenario could not be loaded");
            accounts.DemoDone("the demo scenario could not be loaded (see the silo's log)");
        }
    }
}
