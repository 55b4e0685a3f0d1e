using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Briefings;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>The city's light rule, ranking rules, rankings (比学赶超), briefings (通报) and missing reports (API.md "Ranking").</summary>
public static class RankingApi
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record MonthBody(int? Year, int? Month);

    public sealed record LightRuleBody(MonthBody? EffectiveFrom, decimal? YellowBelow, decimal? RedBelow, int? NewStartGraceMonths,
        int? MissingReportMonths, int? ReportDueDay);

    public sealed record WeightBody(string? Indicator, int? Weight);

    public sealed record RedListBody(int? Top);

    public sealed record BlackListBody(int? Bottom, bool? ExemptIfTargetMet);

    public sealed record RankingRulesBody(MonthBody? EffectiveFrom, List<WeightBody>? Indicators, RedListBody? RedList, BlackListBody? BlackList);

    public static RouteGroupBuilder MapRankingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cities/{code}/light-rule", async (string code, int? year, int? month, RankingService rankings, HttpContext http) =>
            {
                var errors = CityCode(code);
                if (!Period.TryRead(year, month, out var period, out var error))
                {
                    return error!;
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var book = await rankings.LightRulesAsync(http.CurrentUser(), code);
                var rule = period.Year is { } y && period.Month is { } m ? book.RuleFor(y, m) : book.Current;
                return Results.Ok(LightRuleView(book, rule));
            })
            .Produces<LightRuleJson>().WithName("GetLightRule").WithSummary("The city's warning-light rule in force (for ?year=&month=, the one that month is judged by), with every version.").WithTags("Ranking");

        api.MapPut("/cities/{code}/light-rule", async (string code, LightRuleBody body, RankingService rankings, HttpContext http) =>
            {
                var errors = CityCode(code)
                    .Require(body.EffectiveFrom is { Year: not null, Month: not null }, "effectiveFrom", "effectiveFrom is { year, month }.")
                    .Require(body.YellowBelow is not null, "yellowBelow", "yellowBelow is required.")
                    .Require(body.RedBelow is not null, "redBelow", "redBelow is required.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var d = CityLightRule.Default;
                var rule = new CityLightRule(new YearMonth(body.EffectiveFrom!.Year!.Value, body.EffectiveFrom.Month!.Value), body.YellowBelow!.Value,
                    body.RedBelow!.Value, body.NewStartGraceMonths ?? d.NewStartGraceMonths, body.MissingReportMonths ?? d.MissingReportMonths,
                    body.ReportDueDay ?? d.ReportDueDay);
                var problems = rule.Rules().ToList();
                if (problems.Count > 0)
                {
                    return problems.Aggregate(new FieldErrors(), (e, p) => e.Add(p.Field, p.Message)).ToResult();
                }

                var book = await rankings.SetLightRuleAsync(http.CurrentUser(), code, rule);
                return Results.Ok(LightRuleView(book, book.Versions[^1]));
            })
            .Produces<LightRuleJson>().WithName("PutLightRule").WithSummary("Sets the city's warning-light rule from a month on; months before keep the rule they were judged by.").WithTags("Ranking");

        api.MapGet("/cities/{code}/ranking-rules", async (string code, int? year, int? month, RankingService rankings, HttpContext http) =>
            {
                var errors = CityCode(code);
                if (!Period.TryRead(year, month, out var period, out var error))
                {
                    return error!;
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var book = await rankings.RankingRulesAsync(http.CurrentUser(), code);
                var rules = period.Year is { } y && period.Month is { } m ? book.RulesFor(y, m) : book.Current;
                return Results.Ok(RulesView(book, rules));
            })
            .Produces<RankingRulesJson>().WithName("GetRankingRules").WithSummary("The city's ranking rules in force, with every version and the indicators it may weigh.").WithTags("Ranking");

        api.MapPut("/cities/{code}/ranking-rules", async (string code, RankingRulesBody body, RankingService rankings, HttpContext http) =>
            {
                var errors = CityCode(code)
                    .Require(body.EffectiveFrom is { Year: not null, Month: not null }, "effectiveFrom", "effectiveFrom is { year, month }.")
                    .Require(body.Indicators is { Count: > 0 }, "indicators", "indicators is a list of { indicator, weight }.");
                var weights = body.Indicators ?? [];
                for (var i = 0; i < weights.Count; i++)
                {
                    errors.Require(weights[i] is { Indicator: not null, Weight: not null }, $"indicators[{i}]", "Each indicator has an indicator and a weight.");
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var d = Indicators.DefaultRules;
                var rules = new RankingRules(new YearMonth(body.EffectiveFrom!.Year!.Value, body.EffectiveFrom.Month!.Value),
                    [.. weights.Select(w => new IndicatorWeight(w.Indicator!, w.Weight!.Value))],
                    body.RedList?.Top ?? d.RedTop, body.BlackList?.Bottom ?? d.BlackBottom, body.BlackList?.ExemptIfTargetMet ?? d.ExemptIfTargetMet);
                var problems = Indicators.Rules(rules).ToList();
                if (problems.Count > 0)
                {
                    return problems.Aggregate(new FieldErrors(), (e, p) => e.Add(p.Field, p.Message)).ToResult();
                }

                var book = await rankings.SetRankingRulesAsync(http.CurrentUser(), code, rules);
                return Results.Ok(RulesView(book, book.Versions[^1]));
            })
            .Produces<RankingRulesJson>().WithName("PutRankingRules").WithSummary("Sets the city's ranking rules from a month on (a new version); weights are points summing to 100.").WithTags("Ranking");

        api.MapGet("/cities/{code}/ranking", async (string code, int? year, int? month, string? level, string? county, RankingService rankings, HttpContext http) =>
            {
                var errors = CityCode(code);
                RankingLevel? parsed = level switch
                {
                    null or "" or "county" => RankingLevel.County,
                    "town" => RankingLevel.Town,
                    "department" => RankingLevel.Department,
                    _ => null,
                };
                errors.Require(parsed is not null, "level", "level is county, town or department.");
                errors.Require(parsed != RankingLevel.Town || (county is not null && DivisionCodes.IsCounty(county) && errors.Any == false && DivisionCodes.CountyBelongsTo(county, code)),
                    "county", "Towns are ranked within a county of the city: give county=<six-digit code>.");
                if (!Period.TryRead(year, month, out var period, out var error))
                {
                    return error!;
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var ranking = await rankings.RankingAsync(http.CurrentUser(), code, parsed!.Value, parsed == RankingLevel.Town ? county : null, period);
                return Results.Ok(RankingJson(ranking));
            })
            .Produces<MonthRankingJson>().WithName("GetRanking").WithSummary("A month's ranking: counties of the city, towns of a county, or departments on matters; each score with its parts.").WithTags("Ranking");

        api.MapGet("/cities/{code}/briefings/{year:int}/{file}", async (string code, int year, string file, BriefingService briefings, HttpContext http) =>
            {
                var errors = CityCode(code);
                var dot = file.IndexOf('.', StringComparison.Ordinal);
                var format = dot > 0 ? file[(dot + 1)..] : "";
                var monthOk = int.TryParse(dot > 0 ? file[..dot] : file, out var month) && month is >= 1 and <= 12;
                errors.Require(monthOk, "month", "Month must be between 1 and 12.")
                    .Require(format is "docx" or "xlsx" or "md", "format", "A briefing is .docx, .xlsx or .md.")
                    .Require(year is >= 2000 and <= 2100, "year", "Year must be between 2000 and 2100.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var briefing = await briefings.BuildAsync(http.CurrentUser(), code, year, month);
                var name = Uri.EscapeDataString($"{briefing.Title}.{format}");
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"briefing-{code}-{year}-{month:D2}.{format}\"; filename*=UTF-8''{name}";
                return format switch
                {
                    "docx" => Results.Bytes(BriefingWriters.Docx(briefing), Docx),
                    "xlsx" => Results.Bytes(BriefingWriters.Xlsx(briefing), Xlsx),
                    _ => Results.Text(BriefingWriters.Markdown(briefing), "text/markdown; charset=utf-8"),
                };
            })
            .Produces<byte[]>(StatusCodes.Status200OK, Docx, Xlsx, "text/markdown").WithName("GetBriefing").WithSummary("The month's 通报 as .docx, .xlsx or .md (e.g. /briefings/2023/5.docx).").WithTags("Ranking");

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                     ("towns", DivisionCodes.IsTown, "A town code is nine digits."),
                 })
        {
            api.MapGet($"/{segment}/{{code}}/missing-reports", async (string code, int? year, int? month, bool? dueSoon, RankingService rankings, HttpContext http) =>
                {
                    if (!isCode(code))
                    {
                        return new FieldErrors().Add("code", rule).ToResult();
                    }

                    if (!Period.TryRead(year, month, out var period, out var error))
                    {
                        return error!;
                    }

                    var missing = await rankings.MissingReportsAsync(http.CurrentUser(), code, period, dueSoon == true);
                    return Results.Ok(missing);
                })
                .Produces<MissingReports>().WithName(segment == "counties" ? "GetMissingReports" : "GetTownMissingReports")
                .WithSummary("Projects whose month's report is missing after the due day (?dueSoon=true: before it too), per town.").WithTags("Ranking");
        }

        return api;
    }

    private static FieldErrors CityCode(string code) =>
        new FieldErrors().Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00, e.g. 440800.");

    private static MonthJson Month(YearMonth m) => new(m.Year, m.Month);

    private static LightRuleVersionJson VersionJson(CityLightRule v) =>
        new(Month(v.EffectiveFrom), v.YellowBelow, v.RedBelow, v.NewStartGraceMonths, v.MissingReportMonths, v.ReportDueDay, v.SetBy, v.SetAt);

    private static LightRuleJson LightRuleView(LightRuleBook book, CityLightRule rule) =>
        new(book.Version, Month(rule.EffectiveFrom), rule.YellowBelow, rule.RedBelow, rule.NewStartGraceMonths, rule.MissingReportMonths,
            rule.ReportDueDay, rule.SetBy, rule.SetAt, [.. book.Versions.Select(VersionJson)]);

    private static RulesVersionJson VersionJson(RankingRules v) =>
        new(v.Version, Month(v.EffectiveFrom), [.. v.Indicators.Select(i => new IndicatorWeightJson(i.Indicator, i.Weight))],
            new RedListJson(v.RedTop), new BlackListJson(v.BlackBottom, v.ExemptIfTargetMet));

    private static RankingRulesJson RulesView(RankingRuleBook book, RankingRules rules)
    {
        var v = VersionJson(rules);
        return new(v.Version, book.Version, v.EffectiveFrom, v.Indicators, v.RedList, v.BlackList, rules.SetBy, rules.SetAt,
            [.. Indicators.ForDivisions.Keys.Order(StringComparer.Ordinal)], [.. book.Versions.Select(VersionJson)]);
    }

    internal static MonthRankingJson RankingJson(MonthRanking r) => new(
        r.Year,
        r.Month,
        r.Level.ToString().ToLowerInvariant(),
        r.Scope,
        r.RulesVersion,
        [.. r.Entries.Select(e => new RankingEntryJson(e.Rank, e.Code, e.Name, e.Score, e.PreviousRank, e.Change, e.List, e.TargetMet,
            [.. e.Parts.Select(p => new RankingPartJson(p.Indicator, p.Value, p.Points, p.Weight))]))]);

    /// <summary>A month as the ranking API writes it: <c>{ year, month }</c>.</summary>
    public sealed record MonthJson(int Year, int Month);

    /// <summary>One version of a city's light rule.</summary>
    public sealed record LightRuleVersionJson(MonthJson EffectiveFrom, decimal YellowBelow, decimal RedBelow, int NewStartGraceMonths,
        int MissingReportMonths, int ReportDueDay, string? SetBy, DateTimeOffset? SetAt);

    /// <summary>The light rule in force (for the month asked, or now), the book's version, and every version.</summary>
    public sealed record LightRuleJson(long Version, MonthJson EffectiveFrom, decimal YellowBelow, decimal RedBelow, int NewStartGraceMonths,
        int MissingReportMonths, int ReportDueDay, string? SetBy, DateTimeOffset? SetAt, ImmutableArray<LightRuleVersionJson> Versions);

    public sealed record IndicatorWeightJson(string Indicator, int Weight);

    public sealed record RedListJson(int Top);

    public sealed record BlackListJson(int Bottom, bool ExemptIfTargetMet);

    /// <summary>One version of a city's ranking rules.</summary>
    public sealed record RulesVersionJson(long Version, MonthJson EffectiveFrom, ImmutableArray<IndicatorWeightJson> Indicators, RedListJson RedList,
        BlackListJson BlackList);

    /// <summary>The ranking rules in force, the book's version, the indicators a city may weigh, and every version.</summary>
    public sealed record RankingRulesJson(long Version, long BookVersion, MonthJson EffectiveFrom, ImmutableArray<IndicatorWeightJson> Indicators,
        RedListJson RedList, BlackListJson BlackList, string? SetBy, DateTimeOffset? SetAt, ImmutableArray<string> AllowedIndicators,
        ImmutableArray<RulesVersionJson> Versions);

    /// <summary>One indicator's part of a score: the unit's value, the points it earned, its weight.</summary>
    public sealed record RankingPartJson(string Indicator, decimal? Value, decimal Points, int Weight);

    /// <summary>A ranked unit with its parts (the "why"), last month's rank and move, and its list (red, black or none).</summary>
    public sealed record RankingEntryJson(int Rank, string Code, string Name, decimal Score, int? PreviousRank, int? Change, string? List, bool TargetMet,
        ImmutableArray<RankingPartJson> Parts);

    /// <summary>A month's ranking: level (county, town, department), scope (the city or county ranked in), the rules version.</summary>
    public sealed record MonthRankingJson(int Year, int Month, string Level, string Scope, long RulesVersion, ImmutableArray<RankingEntryJson> Entries);
}
