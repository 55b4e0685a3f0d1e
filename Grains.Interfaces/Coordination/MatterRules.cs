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
    public static (string Field, string Message)? Problem(MatterDraft draft) =>
        Rule(draft) is { } problem ? (problem.Field, problem.Message.Text) : null;

    /// <summary>The first field problem of <paramref name="draft"/> with its keyed message (a portal form shows it in its language), or null.</summary>
    public static (string Field, RuleText Message)? Rule(MatterDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > MaxTitle)
        {
            return ("title", CoordinationRefusals.TitleRequired(MaxTitle));
        }

        if (draft.Detail is { Length: > MaxText })
        {
            return ("detail", CoordinationRefusals.DetailAtMost(MaxText));
        }

        if (!IsRaiser(draft.RaisedBy))
        {
            return ("raisedBy", CoordinationRefusals.Raiser);
        }

        if (draft.ProjectCode is not null && !Ids.IsProjectCode(draft.ProjectCode))
        {
            return ("projectCode", CoordinationRefusals.ProjectCode);
        }

        if (string.IsNullOrWhiteSpace(draft.AddressedTo) || DivisionCodes.LevelOf(draft.AddressedTo) is null)
        {
            return ("addressedTo", CoordinationRefusals.AddressedTo);
        }

        if (!IsPlausibleDate(draft.DueDate))
        {
            return ("dueDate", CoordinationRefusals.DueDateRequired);
        }

        var departments = draft.Departments.IsDefault ? [] : draft.Departments;
        if (departments.Length is 0 or > 10)
        {
            return ("departments", CoordinationRefusals.Departments);
        }

        for (var i = 0; i < departments.Length; i++)
        {
            if (!Ids.IsDepartmentId(departments[i]))
            {
                return ($"departments[{i}]", CoordinationRefusals.DepartmentId);
            }
        }

        if (draft.MeetingId is not null && !Ids.IsKey(draft.MeetingId))
        {
            return ("meetingId", CoordinationRefusals.MeetingId);
        }

        if (draft.VisitId is not null && !Ids.IsKey(draft.VisitId))
        {
            return ("visitId", CoordinationRefusals.VisitId);
        }

        return null;
    }

    /// <summary>Throws a validation refusal naming the field at fault; returns the department ids without repeats.</summary>
    public static ImmutableArray<string> CheckFields(MatterDraft draft)
    {
        if (Rule(draft) is { } problem)
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
