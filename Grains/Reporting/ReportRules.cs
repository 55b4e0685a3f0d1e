using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What makes a monthly report acceptable (API.md "Projects and monthly reports").</summary>
public static class ReportRules
{
    public static void Validate(ProjectProfile profile, ReportInput report, DateOnly today)
    {
        if (report.Month is < 1 or > 12)
        {
            throw DomainException.Invalid("month", ReportRefusals.Month);
        }

        if (report.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("year", ReportRefusals.Year);
        }

        if (WarningLights.MonthIndex(report.Year, report.Month) > WarningLights.MonthIndex(today.Year, today.Month))
        {
            throw DomainException.Invalid("month", ReportRefusals.FutureMonth(report.Year, report.Month));
        }

        if (profile.StartDate is { } start &&
            WarningLights.MonthIndex(report.Year, report.Month) < WarningLights.MonthIndex(start.Year, start.Month))
        {
            throw DomainException.Invalid("month", ReportRefusals.BeforeStart(start));
        }

        if (report.InvestmentCompleted < 0m)
        {
            throw DomainException.Invalid("investmentCompleted", ReportRefusals.InvestmentNegative);
        }

        if (report.ProgressPercent is < 0m or > 100m)
        {
            throw DomainException.Invalid("progressPercent", ReportRefusals.Progress);
        }

        InputLimits.EnsureAmount("investmentCompleted", report.InvestmentCompleted);
        InputLimits.EnsureText("imageProgress", report.ImageProgress, InputLimits.MaxNote);
        InputLimits.EnsureList("problems", report.Problems.IsDefault ? [] : report.Problems, InputLimits.MaxItems, InputLimits.MaxNote, indexItems: false);
    }

    /// <summary>What makes a project's profile acceptable: bounded texts and amounts (docs/operations.md "Input limits").</summary>
    public static void ValidateProfile(ProjectProfile profile)
    {
        InputLimits.EnsureText("name", profile.Name, InputLimits.MaxName, required: true);
        InputLimits.EnsureText("subCategory", profile.SubCategory, 64);
        InputLimits.EnsureAmount("totalInvestment", profile.TotalInvestment);
        var plans = profile.AnnualPlans.IsDefault ? [] : profile.AnnualPlans;
        if (plans.Length > InputLimits.MaxAnnualPlans)
        {
            throw DomainException.Invalid("annualPlans", ReportRefusals.AnnualPlans);
        }

        for (var i = 0; i < plans.Length; i++)
        {
            InputLimits.EnsureAmount($"annualPlans[{i}].amount", plans[i].Amount);
        }
    }
}
