using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What makes a monthly report acceptable (API.md "Projects and monthly reports").</summary>
public static class ReportRules
{
    public static void Validate(ProjectProfile profile, ReportInput report, DateOnly today)
    {
        if (report.Month is < 1 or > 12)
        {
            throw DomainException.Invalid("month", "Month must be between 1 and 12.");
        }

        if (report.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("year", "Year is out of range.");
        }

        if (WarningLights.MonthIndex(report.Year, report.Month) > WarningLights.MonthIndex(today.Year, today.Month))
        {
            throw DomainException.Invalid("month", $"{report.Year}-{report.Month:D2} is in the future.");
        }

        if (profile.StartDate is { } start &&
            WarningLights.MonthIndex(report.Year, report.Month) < WarningLights.MonthIndex(start.Year, start.Month))
        {
            throw DomainException.Invalid("month", $"The project starts on {start:yyyy-MM-dd}; no report can come before that month.");
        }

        if (report.InvestmentCompleted < 0m)
        {
            throw DomainException.Invalid("investmentCompleted", "Investment completed cannot be negative.");
        }

        if (report.ProgressPercent is < 0m or > 100m)
        {
            throw DomainException.Invalid("progressPercent", "Progress must be between 0 and 100.");
        }
    }
}
