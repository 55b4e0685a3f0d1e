using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Spreadsheets;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>What an import did, or the problems that stopped it (then nothing was written).</summary>
public sealed record ImportResult(int Rows, int Written, int Unchanged, bool DryRun, ImmutableArray<RowError> Errors)
{
    public bool Ok => Errors.IsEmpty;
}

/// <summary>
/// Spreadsheets in and out: the project lists as .xlsx, the import templates, and imports of projects and of a
/// month's reports. An import checks every row, and against the cluster every code, before it writes anything:
/// all errors come back at once, and a file with any error writes nothing.
/// </summary>
public sealed class SpreadsheetService(IClusterClient cluster, Jurisdiction jurisdiction, HierarchyService hierarchy, ProjectService projects, TimeProvider time)
{
    /// <summary>The projects of a city, county or town with the period's figures.</summary>
    public async Task<byte[]> ProjectsXlsxAsync(CurrentUser user, string code, PeriodQuery period)
    {
        var overview = await hierarchy.OverviewAsync(user, code, period);
        var resolved = new PeriodQuery(overview.Totals.Year, overview.Totals.Month);
        var lists = overview.Level == DivisionLevel.City
            ? await Task.WhenAll(overview.Children.Select(async c => (County: c.Name, Items: await hierarchy.ProjectsAsync(user, c.Code, resolved))))
            : [(County: overview.Level == DivisionLevel.County ? overview.Name : "", Items: await hierarchy.ProjectsAsync(user, code, resolved))];
        var columns = new SheetColumn[]
        {
            new("项目代码"), new("项目名称"), new("县（市、区）"), new("镇（街道）"), new("类别"), new("阶段"),
            new("年度计划投资（万元）"), new($"{Portal.Formatting.Period(resolved.Year!.Value, resolved.Month!.Value, Briefings.Briefing.Chinese)}完成投资（万元）"),
            new("完成率"), new("亮灯"),
        };
        var rows = lists.SelectMany(l => l.Items.Select(i => (IReadOnlyList<object?>)
        [
            i.Row.Code, i.Row.Name, l.County, i.TownName,
            ImportSheets.Categories.First(c => c.Value == i.Row.Category).Key, ImportSheets.Stages.First(s => s.Value == i.Row.Stage).Key,
            i.Row.AnnualPlan, i.Row.CompletedYtd,
            i.Row.AnnualPlan > 0 ? Portal.Formatting.Percent(Math.Round(i.Row.CompletedYtd / i.Row.AnnualPlan, 4)) : "—",
            Briefings.Briefing.LightName(i.Row.Light),
        ]));
        return Workbook.Write("项目清单", columns, rows);
    }

    public async Task<ImportResult> ImportProjectsAsync(CurrentUser user, string countyCode, Stream xlsx, bool dryRun, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(countyCode));
        var (lines, keys, errors) = ImportSheets.ReadProjects(xlsx);
        var county = await cluster.GetGrain<ICountyGrain>(countyCode).GetOverviewAsync(PeriodQuery.Latest);
        var towns = county.Children.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.TownCode is { } town && !towns.Contains(town))
            {
                errors.Add(new(key.Row, "镇（街道）代码", $"{town} 不是{county.Name}已登记的镇（街道）。"));
            }

            if (key.Code is { } code && codes.TryGetValue(code, out var first))
            {
                errors.Add(new(key.Row, "项目代码", $"与第{first}行重复。"));
            }
            else if (key.Code is { } unique)
            {
                codes[unique] = key.Row;
            }
        }

        // Existing codes: one call per coded row, side by side (different project grains).
        var existing = await Task.WhenAll(keys.Where(k => k.Code is not null).Select(async k => (k, Exists: await cluster.GetGrain<IProjectGrain>(k.Code!).ExistsAsync())));
        errors.AddRange(existing.Where(e => e.Exists).Select(e => new RowError(e.k.Row, "项目代码", $"项目 {e.k.Code} 已存在。")));

        if (errors.Count > 0 || dryRun)
        {
            return new ImportResult(lines.Count, 0, 0, dryRun, Sorted(errors));
        }

        foreach (var line in lines)
        {
            var code = line.CodeGiven ? line.Profile.Code : await projects.AllocateCodeAsync(user, line.Profile.TownCode);
            await projects.RegisterAsync(user, line.Profile with { Code = code }, actor);
        }

        return new ImportResult(lines.Count, lines.Count, 0, false, []);
    }

    public async Task<ImportResult> ImportReportsAsync(CurrentUser user, string countyCode, int year, int month, Stream xlsx, bool dryRun, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(countyCode));
        var (lines, errors) = ImportSheets.ReadReports(xlsx, year, month);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (year * 12 + month > today.Year * 12 + today.Month)
        {
            errors.Add(new(1, "月份", $"{year}年{month}月尚未到来。"));
        }

        var views = await Task.WhenAll(lines.Select(async l =>
        {
            var grain = cluster.GetGrain<IProjectGrain>(l.Code);
            return (Line: l, View: await grain.ExistsAsync() ? await grain.GetAsync(new PeriodQuery(year, month)) : null);
        }));
        var unchanged = 0;
        foreach (var (line, view) in views)
        {
            if (view is null)
            {
                errors.Add(new(line.Row, "项目代码", $"项目 {line.Code} 不存在。"));
            }
            else if (view.Profile.CountyCode != countyCode)
            {
                errors.Add(new(line.Row, "项目代码", $"项目 {line.Code} 不属于本县（市、区）。"));
            }
            else if (view.Profile.StartDate is { } start && year * 12 + month < start.Year * 12 + start.Month)
            {
                errors.Add(new(line.Row, "本月完成投资（万元）", $"项目 {start:yyyy-MM-dd} 开工，此前月份不能填报。"));
            }
            else if (view.Reports.Any(r => r.Year == year && r.Month == month && r.Figures.SameFiguresAs(line.Input)))
            {
                unchanged++;
            }
        }

        if (errors.Count > 0 || dryRun)
        {
            return new ImportResult(lines.Count, 0, errors.Count > 0 ? 0 : unchanged, dryRun, Sorted(errors));
        }

        foreach (var line in lines)
        {
            // A repeat of the same figures is acknowledged and changes nothing: re-importing a month is idempotent.
            await projects.SubmitReportAsync(user, line.Code, line.Input, actor);
        }

        return new ImportResult(lines.Count, lines.Count - unchanged, unchanged, false, []);
    }

    private static ImmutableArray<RowError> Sorted(IEnumerable<RowError> errors) =>
        [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal)];
}
