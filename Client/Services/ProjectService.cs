using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>
/// Projects and their monthly reports, for the API and the portal alike. A project's jurisdiction is its
/// town (and so its county and city) and its owner enterprise; the linked leader joins it when that flow lands.
/// </summary>
public sealed class ProjectService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    // A project's town never changes once registered, so the front end keeps it after the first read: a
    // report by a division's officer is then checked without a second grain call. Owners and linked leaders
    // can change, so a check that rests on them reads the project afresh.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _towns = new(StringComparer.Ordinal);

    public async Task<ProjectView> GetAsync(CurrentUser user, string code, PeriodQuery period)
    {
        var view = await cluster.GetGrain<IProjectGrain>(code).GetAsync(period);
        _towns.TryAdd(code, view.Profile.TownCode);
        jurisdiction.Ensure(user, Access.Read, AccessScopes.Of(view));
        return view;
    }

    /// <summary>Whether the user may submit reports for the project (the portal shows the form only then).</summary>
    public bool CanReport(CurrentUser user, ProjectView view) => jurisdiction.Allows(user, Access.Write, AccessScopes.Of(view));

    public async Task<ProjectView> RegisterAsync(CurrentUser user, ProjectProfile profile, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(profile.TownCode));
        return await cluster.GetGrain<IProjectGrain>(profile.Code).RegisterAsync(profile, actor);
    }

    /// <summary>A project code from the town's serial, for a project without a national code.</summary>
    public Task<string> AllocateCodeAsync(CurrentUser user, string townCode)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(townCode));
        return cluster.GetGrain<Liandong.Hierarchy.ITownGrain>(townCode).AllocateProjectCodeAsync();
    }

    /// <summary>Submits, repeats or corrects a month's report; the jurisdiction is checked before the grain sees it.</summary>
    public async Task<ProjectView> SubmitReportAsync(CurrentUser user, string code, ReportInput report, string actor)
    {
        var grain = cluster.GetGrain<IProjectGrain>(code);
        var byDivision = _towns.TryGetValue(code, out var town) && jurisdiction.Allows(user, Access.Write, Resource.Division(town));
        if (!byDivision)
        {
            var scope = await grain.GetScopeAsync();
            _towns.TryAdd(code, scope.TownCode);
            jurisdiction.Ensure(user, Access.Write, AccessScopes.Of(scope));
        }

        return await grain.SubmitReportAsync(report, actor);
    }
}

/// <summary>A month's report as a person fills it in: every field may be missing, so that the missing one is named.</summary>
public sealed record ReportDraft(decimal? InvestmentCompleted, decimal? ProgressPercent, string? ImageProgress, IReadOnlyList<string?>? Problems);

/// <summary>A refused field: the API field name, a key the portal translates, and the API's English message.</summary>
public sealed record FieldProblem(string Field, string Key, string Message);

/// <summary>The checks a report gets before it reaches the grain: one list, used by the API route and by the portal's form.</summary>
public static class ReportValidation
{
    public const int MaxText = InputLimits.MaxNote;

    public static IReadOnlyList<FieldProblem> Validate(int year, int month, ReportDraft draft)
    {
        var problems = new List<FieldProblem>();
        void Require(bool ok, string field, string key, string message)
        {
            if (!ok)
            {
                problems.Add(new FieldProblem(field, key, message));
            }
        }

        Require(year is >= 2000 and <= 2100, "year", "Validation.YearRange", "Year must be between 2000 and 2100.");
        Require(month is >= 1 and <= 12, "month", "Validation.MonthRange", "Month must be between 1 and 12.");
        Require(draft.InvestmentCompleted is not null, "investmentCompleted", "Validation.InvestmentRequired", "Investment completed (万元) is required.");
        Require(draft.InvestmentCompleted is null or >= 0m, "investmentCompleted", "Validation.InvestmentNegative", "Investment completed cannot be negative.");
        Require(draft.InvestmentCompleted is null or <= InputLimits.MaxAmount, "investmentCompleted", "Limits.AmountTooLarge",
            $"The amount is at most {InputLimits.MaxAmount:#,0} 万元 (1,000 亿元).");
        Require(draft.ProgressPercent is null or >= 0m and <= 100m, "progressPercent", "Validation.ProgressRange", "Progress must be between 0 and 100.");
        Require(draft.ImageProgress is null || draft.ImageProgress.Length <= MaxText, "imageProgress", "Validation.TextTooLong", "At most 500 characters.");
        if (InputLimits.ListProblem("problems", draft.Problems, InputLimits.MaxItems, MaxText, indexItems: false) is { } list)
        {
            problems.Add(new FieldProblem(list.Field, draft.Problems!.Count > InputLimits.MaxItems ? "Limits.TooManyProblems" : "Validation.ProblemsInvalid", list.Message));
        }

        return problems;
    }

    /// <summary>The grain's input from a draft that passed <see cref="Validate"/>.</summary>
    public static ReportInput ToInput(int year, int month, ReportDraft draft) =>
        new(year, month, draft.InvestmentCompleted!.Value, draft.ProgressPercent,
            string.IsNullOrWhiteSpace(draft.ImageProgress) ? null : draft.ImageProgress.Trim(),
            draft.Problems?.Select(p => p!.Trim()).ToImmutableArray() ?? []);
}
