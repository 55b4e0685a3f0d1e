using System.Collections.Immutable;
using Liandong.Hierarchy;

namespace Liandong.Coordination;

/// <summary>
/// The rules of a matter: its status (which every holder of a matter summary applies the same way) and its fields,
/// checked before anything is looked up (the matter grain applies them; the API and the portal's matter form can
/// ask the same <see cref="Problem"/> instead of restating them).
/// </summary>
public static class MatterRules
{
    /// <summary>
    /// A matter is overdue while it waits for answers (open or reopened) past its due date. An answered matter
    /// has had what the due date asked for (every department's answer) and waits for the raiser; a resolved one
    /// is closed. See docs/coordination.md "Escalation".
    /// </summary>
    public static bool IsOverdue(MatterStatus status, DateOnly dueDate, DateOnly today) =>
        AwaitsAnswers(status) && today > dueDate;

    /// <summary>Whether some department still owes an answer.</summary>
    public static bool AwaitsAnswers(MatterStatus status) => status is MatterStatus.Open or MatterStatus.Reopened;

    /// <summary>Whether a matter counts as open (not resolved) in a leader's or project's list.</summary>
    public static bool IsUnresolved(MatterStatus status) => status != MatterStatus.Resolved;

    public const int MaxTitle = InputLimits.MaxName;
    public const int MaxText = InputLimits.MaxText;

    /// <summary>The first field problem of <paramref name="draft"/> as (field, message), or null when the fields that need no look-up are acceptable.</summary>
    public static (string Field, string Message)? Problem(MatterDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > MaxTitle)
        {
            return ("title", $"The title is required (at most {MaxTitle} characters).");
        }

        if (draft.Detail is { Length: > MaxText })
        {
            return ("detail", $"The detail is at most {MaxText} characters.");
        }

        if (!IsRaiser(draft.RaisedBy))
        {
            return ("raisedBy", "raisedBy is the division code of a town or county, or a project code.");
        }

        if (draft.ProjectCode is not null && !Ids.IsProjectCode(draft.ProjectCode))
        {
            return ("projectCode", "A project code is letters, digits and dashes, at most 64.");
        }

        if (string.IsNullOrWhiteSpace(draft.AddressedTo) || DivisionCodes.LevelOf(draft.AddressedTo) is null)
        {
            return ("addressedTo", "addressedTo is the division code of the level above the raiser, or of the city.");
        }

        if (!IsPlausibleDate(draft.DueDate))
        {
            return ("dueDate", "The due date is required (between 2000 and 2100).");
        }

        var departments = draft.Departments.IsDefault ? [] : draft.Departments;
        if (departments.Length is 0 or > 10)
        {
            return ("departments", "Assign the matter to between one and ten departments.");
        }

        for (var i = 0; i < departments.Length; i++)
        {
            if (!Ids.IsDepartmentId(departments[i]))
            {
                return ($"departments[{i}]", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj.");
            }
        }

        if (draft.MeetingId is not null && !Ids.IsKey(draft.MeetingId))
        {
            return ("meetingId", "Not a meeting id.");
        }

        if (draft.VisitId is not null && !Ids.IsKey(draft.VisitId))
        {
            return ("visitId", "Not a visit id.");
        }

        return null;
    }

    /// <summary>Throws a validation refusal naming the field at fault; returns the department ids without repeats.</summary>
    public static ImmutableArray<string> CheckFields(MatterDraft draft)
    {
        if (Problem(draft) is { } problem)
        {
            throw DomainException.Invalid(problem.Field, problem.Message);
        }

        return draft.Departments.Distinct().ToImmutableArray();
    }

    public static bool IsPlausibleDate(DateOnly date) => date.Year is >= 2000 and <= 2100;

    /// <summary>
    /// A town or county code, or a project code; a code of digits alone is read as a division code, so a mistyped
    /// division is reported as such rather than looked up as a project.
    /// </summary>
    public static bool IsRaiser(string? code) =>
        !string.IsNullOrWhiteSpace(code) &&
        (DivisionCodes.IsTown(code) || (DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code)) ||
         (Ids.IsProjectCode(code) && !code.All(char.IsAsciiDigit)));
}
