using System.Collections.Immutable;
using System.Globalization;
using Liandong.Reporting;
using MiniExcelLibs;

namespace Liandong.Client.Spreadsheets;

/// <summary>One problem of an imported sheet: the Excel row (the header is row 1), the column header and why.</summary>
public sealed record RowError(int Row, string Column, string Error);

/// <summary>The keys of every project row, whether or not it passed its own checks, for the checks against the cluster.</summary>
public sealed record ProjectKeys(int Row, string? Code, string? TownCode);

/// <summary>A project row that passed its own checks.</summary>
public sealed record ProjectLine(int Row, ProjectProfile Profile, bool CodeGiven);

/// <summary>A report row that passed its own checks.</summary>
public sealed record ReportLine(int Row, string Code, ReportInput Input);

/// <summary>
/// The import templates (Chinese headers, one example row, drop-downs for enums) and the reading of filled-in
/// sheets: every row is checked and every problem kept, so an upload answers all its errors at once.
/// </summary>
public static class ImportSheets
{
    public const string ProjectSheet = "项目";
    public const string ReportSheet = "月报";

    public static readonly ImmutableDictionary<string, ProjectCategory> Categories = new Dictionary<string, ProjectCategory>
    {
        ["基础设施"] = ProjectCategory.Infrastructure,
        ["产业"] = ProjectCategory.Industry,
        ["民生"] = ProjectCategory.Livelihood,
        ["城市更新"] = ProjectCategory.UrbanRenewal,
    }.ToImmutableDictionary();

    public static readonly ImmutableDictionary<string, ProjectStage> Stages = new Dictionary<string, ProjectStage>
    {
        ["储备"] = ProjectStage.Reserve,
        ["前期"] = ProjectStage.Preparation,
        ["新开工"] = ProjectStage.NewStart,
        ["续建"] = ProjectStage.Continuing,
        ["竣工"] = ProjectStage.Completed,
        ["投产"] = ProjectStage.Operating,
    }.ToImmutableDictionary();

    private const string Code = "项目代码";
    private const string Name = "项目名称";
    private const string Town = "镇（街道）代码";
    private const string Category = "类别";
    private const string SubCategory = "子类别";
    private const string Stage = "阶段";
    private const string Total = "总投资（万元）";
    private const string PlanYear = "计划年度";
    private const string Plan = "年度计划投资（万元）";
    private const string Start = "开工日期";
    private const string Completion = "计划竣工日期";
    private const string Amount = "本月完成投资（万元）";
    private const string Progress = "形象进度（%）";
    private const string Image = "形象进度描述";
    private const string Problems = "存在问题（多个用；分隔）";

    public static IReadOnlyList<SheetColumn> ProjectColumns { get; } =
    [
        new(Code), new(Name), new(Town), new(Category, [.. Categories.Keys.Order(StringComparer.Ordinal)]), new(SubCategory),
        new(Stage, ["储备", "前期", "新开工", "续建", "竣工", "投产"]), new(Total), new(PlanYear), new(Plan), new(Start), new(Completion),
    ];

    public static IReadOnlyList<SheetColumn> ReportColumns { get; } = [new(Code), new(Name), new(Amount), new(Progress), new(Image), new(Problems)];

    public static byte[] ProjectTemplate(string exampleTown, int year) => Workbook.Write(ProjectSheet, ProjectColumns,
    [
        ["", "示例：某某食品加工产业园项目（请替换本行）", exampleTown, "产业", "foodProcessing", "新开工", 50000m, year, 12000m, $"{year}-03-01", $"{year + 2}-12-31"],
    ]);

    public static byte[] ReportTemplate(string exampleCode) => Workbook.Write(ReportSheet, ReportColumns,
    [
        [exampleCode, "示例项目（请替换本行）", 1200m, 35m, "主体结构施工", "用地报批未完成；施工用电待接入"],
    ]);

    /// <summary>Reads a projects sheet: the lines that passed their own checks and every problem found.</summary>
    public static (List<ProjectLine> Lines, List<ProjectKeys> Keys, List<RowError> Errors) ReadProjects(Stream xlsx)
    {
        var lines = new List<ProjectLine>();
        var keys = new List<ProjectKeys>();
        var errors = new List<RowError>();
        foreach (var (row, cells) in Rows(xlsx, errors))
        {
            var before = errors.Count;
            var code = Text(cells, Code);
            if (code is not null && !Ids.IsProjectCode(code))
            {
                errors.Add(new(row, Code, "项目代码只能包含字母、数字和连字符，最长64位。"));
            }

            var name = Text(cells, Name);
            if (name is null || name.Length > 200)
            {
                errors.Add(new(row, Name, "项目名称必填，最长200字。"));
            }

            var town = Text(cells, Town);
            if (!Hierarchy.DivisionCodes.IsTown(town))
            {
                errors.Add(new(row, Town, "镇（街道）代码为9位数字。"));
            }

            keys.Add(new ProjectKeys(row, code is not null && Ids.IsProjectCode(code) ? code : null,
                Hierarchy.DivisionCodes.IsTown(town) ? town : null));

            var category = Text(cells, Category);
            if (category is null || !Categories.ContainsKey(category))
            {
                errors.Add(new(row, Category, "类别须为：" + string.Join("、", Categories.Keys) + "。"));
            }

            var stage = Text(cells, Stage);
            if (stage is null || !Stages.ContainsKey(stage))
            {
                errors.Add(new(row, Stage, "阶段须为：储备、前期、新开工、续建、竣工、投产。"));
            }

            var total = Number(cells, Total, row, errors, required: true);
            var planYear = Number(cells, PlanYear, row, errors, required: false);
            var plan = Number(cells, Plan, row, errors, required: false);
            if (planYear is { } py && (py != Math.Floor(py) || py is < 2000 or > 2100))
            {
                errors.Add(new(row, PlanYear, "计划年度为2000–2100的年份。"));
            }

            if (plan is not null && planYear is null)
            {
                errors.Add(new(row, PlanYear, "填写年度计划投资时须填写计划年度。"));
            }

            var start = Date(cells, Start, row, errors);
            var completion = Date(cells, Completion, row, errors);
            if (start is { } s && completion is { } c && c < s)
            {
                errors.Add(new(row, Completion, "计划竣工日期不能早于开工日期。"));
            }

            if (errors.Count == before)
            {
                ImmutableArray<AnnualPlan> plans = planYear is { } y && plan is { } p ? [new AnnualPlan((int)y, p)] : [];
                lines.Add(new ProjectLine(row, new ProjectProfile(code ?? "", name!, town!, Categories[category!], Text(cells, SubCategory),
                    Stages[stage!], total!.Value, plans, start, completion), code is not null));
            }
        }

        return (lines, keys, errors);
    }

    /// <summary>Reads a month's reports sheet: the lines that passed their own checks and every problem found.</summary>
    public static (List<ReportLine> Lines, List<RowError> Errors) ReadReports(Stream xlsx, int year, int month)
    {
        var lines = new List<ReportLine>();
        var errors = new List<RowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, cells) in Rows(xlsx, errors))
        {
            var before = errors.Count;
            var code = Text(cells, Code);
            if (code is null || !Ids.IsProjectCode(code))
            {
                errors.Add(new(row, Code, "项目代码必填，只能包含字母、数字和连字符。"));
            }
            else if (seen.TryGetValue(code, out var first))
            {
                errors.Add(new(row, Code, $"与第{first}行重复：同一项目同一月份只能报一次。"));
            }
            else
            {
                seen[code] = row;
            }

            var amount = Number(cells, Amount, row, errors, required: true);
            var progress = Number(cells, Progress, row, errors, required: false);
            if (progress is < 0m or > 100m)
            {
                errors.Add(new(row, Progress, "形象进度为0–100。"));
            }

            var image = Text(cells, Image);
            if (image is { Length: > 500 })
            {
                errors.Add(new(row, Image, "形象进度描述最长500字。"));
            }

            var problems = (Text(cells, Problems) ?? "").Split(['；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (errors.Count == before)
            {
                lines.Add(new ReportLine(row, code!, new ReportInput(year, month, amount!.Value, progress, image, [.. problems])));
            }
        }

        return (lines, errors);
    }

    /// <summary>The data rows with their Excel row numbers; blank rows are skipped; an unreadable file is one error.</summary>
    private static IEnumerable<(int Row, IDictionary<string, object?> Cells)> Rows(Stream xlsx, List<RowError> errors)
    {
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new(1, "文件", "无法读取：请上传由模板填写的 .xlsx 文件。"));
            return [];
        }

        if (rows.Count == 0)
        {
            errors.Add(new(2, "文件", "没有数据行。"));
        }

        return rows.Select((cells, i) => (Row: i + 2, Cells: cells))
            .Where(r => r.Cells.Values.Any(v => v is not null && Convert.ToString(v, CultureInfo.InvariantCulture)!.Trim().Length > 0));
    }

    private static string? Text(IDictionary<string, object?> cells, string column)
    {
        if (!cells.TryGetValue(column, out var value) || value is null)
        {
            return null;
        }

        var text = value switch
        {
            double d => d.ToString(CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static decimal? Number(IDictionary<string, object?> cells, string column, int row, List<RowError> errors, bool required)
    {
        var text = Text(cells, column);
        if (text is null)
        {
            if (required)
            {
                errors.Add(new(row, column, "必填。"));
            }

            return null;
        }

        if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(row, column, $"“{text}”不是数字。"));
            return null;
        }

        if (value < 0m)
        {
            errors.Add(new(row, column, "不能为负数。"));
            return null;
        }

        return value;
    }

    private static DateOnly? Date(IDictionary<string, object?> cells, string column, int row, List<RowError> errors)
    {
        if (!cells.TryGetValue(column, out var value) || value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            return null;
        }

        if (value is DateTime t)
        {
            return DateOnly.FromDateTime(t);
        }

        if (value is double serial && serial is > 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        var text = Text(cells, column)!;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) &&
            date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors.Add(new(row, column, $"“{text}”不是日期（如 2023-03-01）。"));
        return null;
    }
}
