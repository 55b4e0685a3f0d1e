using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>Reads the optional ?year=&amp;month= pair.</summary>
internal static class Period
{
    public static bool TryRead(int? year, int? month, out PeriodQuery period, out Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? error)
    {
        var errors = new FieldErrors();
        errors.Require(month is null || month is >= 1 and <= 12, "month", "Month must be between 1 and 12.");
        errors.Require(year is null || year is >= 2000 and <= 2100, "year", "Year must be between 2000 and 2100.");
        errors.Require(month is null || year is not null, "year", "A month needs a year.");
        period = new PeriodQuery(year, month);
        error = errors.Any ? errors.ToResult() : null;
        return error is null;
    }
}
