using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

/// <summary>Builds small hierarchies with codes no other test uses.</summary>
internal sealed class Scenario(IGrainFactory grains)
{
    private static int _next = 10;

    public string City { get; private set; } = "";

    public List<string> Counties { get; } = [];

    public List<string> Towns { get; } = [];

    /// <summary>A city with <paramref name="counties"/> counties of <paramref name="townsPerCounty"/> towns each, under fresh codes.</summary>
    public async Task<Scenario> BuildAsync(int counties = 2, int townsPerCounty = 2)
    {
        var n = Interlocked.Increment(ref _next);
        City = $"{n % 90 + 10:D2}{n / 90 % 90 + 10:D2}00";
        await grains.GetGrain<ICityGrain>(City).RegisterAsync($"测试市{n}", "test");
        for (var c = 1; c <= counties; c++)
        {
            var county = City[..4] + $"{c:D2}";
            Counties.Add(county);
            await grains.GetGrain<ICountyGrain>(county).RegisterAsync($"测试县{c}", City, "test");
            for (var t = 1; t <= townsPerCounty; t++)
            {
                var town = county + $"{100 + t:D3}";
                Towns.Add(town);
                await grains.GetGrain<ITownGrain>(town).RegisterAsync($"测试镇{t}", county, "test");
            }
        }

        return this;
    }

    public static ProjectProfile Profile(string code, string town, decimal plan2023 = 1200m, ProjectStage stage = ProjectStage.Continuing,
        DateOnly? start = null, decimal plan2022 = 0m) =>
        new(code, $"项目 {code}", town, ProjectCategory.Industry, "manufacturing", stage, 10_000m,
            plan2022 > 0m ? [new AnnualPlan(2022, plan2022), new AnnualPlan(2023, plan2023)] : [new AnnualPlan(2023, plan2023)],
            start ?? new DateOnly(2022, 1, 1), new DateOnly(2026, 12, 31));

    public async Task<IProjectGrain> ProjectAsync(string code, string town, decimal plan2023 = 1200m, ProjectStage stage = ProjectStage.Continuing,
        DateOnly? start = null, decimal plan2022 = 0m)
    {
        var grain = grains.GetGrain<IProjectGrain>(code);
        await grain.RegisterAsync(Profile(code, town, plan2023, stage, start, plan2022), "test");
        return grain;
    }

    public static ReportInput Report(int year, int month, decimal amount, decimal? progress = null) =>
        new(year, month, amount, progress, null, ImmutableArray<string>.Empty);

    /// <summary>Waits until <paramref name="condition"/> holds, for roll-ups that travel upward after the acknowledgement.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
