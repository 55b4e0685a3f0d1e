namespace Liandong.Coordination;

/// <summary>
/// The refusals of coordination (督办事项, 现场办公会, 交办督办, 领导调研, 联系领导) that a portal form can meet, as keyed rules:
/// the API answers their English text, a form shows them in its language (Strings.resx "Workbench.Rule.{Key}"). One home,
/// so that the grains and the service refuse in the same words.
/// </summary>
public static class CoordinationRefusals
{
    // Shared field rules (the keys the API's own checks of these forms use).
    public static RuleText TitleRequired(int max) => new("TitleRequired", "The title is required (at most {0} characters).", max);

    public static RuleText AtMost(int max) => new("AtMost", "At most {0} characters.", max);

    public static RuleText DetailAtMost(int max) => new("DetailAtMost", "The detail is at most {0} characters.", max);

    public static RuleText NoteAtMost(int max) => new("NoteAtMost", "The note is at most {0} characters.", max);

    public static RuleText ProjectCode { get; } = new("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64);

    public static RuleText DepartmentId { get; } = new("DepartmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj.");

    public static RuleText CountyCode { get; } = new("CountyCode", "A county code is six digits, e.g. 440883.");

    public static RuleText CityCode { get; } = new("CityCode", "A city code is six digits ending in 00, e.g. 440800.");

    public static RuleText DueDateRequired { get; } = new("DueDateRequired", "The due date is required (between 2000 and 2100).");

    public static RuleText DepartmentUnknown(string id) => new("DepartmentUnknown", "Department {0} is not registered.", id);

    public static RuleText TownUnknown(string code) => new("TownUnknown", "Town {0} is not registered.", code);

    public static RuleText CountyUnknown(string code) => new("CountyUnknown", "County {0} is not registered.", code);

    public static RuleText LeaderUnknown(string id) => new("LeaderUnknown", "Leader {0} is not registered.", id);

    // Matters (督办事项).
    public static RuleText Raiser { get; } = new("Raiser", "raisedBy is the division code of a town or county, or a project code.");

    public static RuleText AddressedTo { get; } = new("AddressedTo", "addressedTo is the division code of the level above the raiser, or of the city.");

    public static RuleText Departments { get; } = new("Departments", "Assign the matter to between one and ten departments.");

    public static RuleText MeetingId { get; } = new("MeetingId", "Not a meeting id.");

    public static RuleText VisitId { get; } = new("VisitId", "Not a visit id.");

    /// <summary><paramref name="allowed"/> are the codes the matter may go to, joined by " or ".</summary>
    public static RuleText AddressedToLevel(string raisedBy, string allowed) =>
        new("MatterAddressedTo", "A matter raised by {0} is addressed to {1}: the level above it or the city.", raisedBy, allowed);

    public static RuleText DepartmentOtherCity(string department, string city) =>
        new("MatterDepartmentCity", "Department {0} is not a department of city {1}.", department, city);

    public static RuleText MeetingUnknown(string id) => new("MeetingUnknown", "Meeting {0} does not exist.", id);

    public static RuleText MeetingOtherCounty(string meeting, string county, string raisedBy) =>
        new("MatterMeetingCounty", "The meeting {0} is held at county {1}; {2} is not in it.", meeting, county, raisedBy);

    public static RuleText VisitUnknown(string id) => new("VisitUnknown", "Visit {0} does not exist.", id);

    public static RuleText VisitOtherCity(string visit, string visitCity, string city) =>
        new("MatterVisitCity", "Visit {0} was made in city {1}, not {2}.", visit, visitCity, city);

    public static RuleText CityRaises { get; } = new("MatterCityRaises", "The city is the top level: matters are raised by a town, a county or a project.");

    public static RuleText ProjectOutside(string project, string town, string raiser) =>
        new("MatterProjectOutside", "Project {0} lies in town {1}, outside {2}.", project, town, raiser);

    public static RuleText ProjectRaisesOwn { get; } = new("MatterProjectOwn", "A matter a project raises is about that project.");

    public static RuleText AnsweringDepartment { get; } = new("MatterAnsweringDepartment", "The answering department is required.");

    public static RuleText AnswerRequired(int max) => new("MatterAnswer", "The answer is required (at most {0} characters).", max);

    public static RuleText ResolvedNoAnswers(string id) => new("MatterResolvedNoAnswers", "Matter {0} is resolved; it takes no more answers unless it is reopened.", id);

    public static RuleText NotAssigned(string id, string department) => new("MatterNotAssigned", "Matter {0} is not assigned to department {1}.", id, department);

    public static RuleText AlreadyResolved(string id) => new("MatterAlreadyResolved", "Matter {0} is already resolved.", id);

    public static RuleText ReasonRequired(int max) => new("MatterReason", "The reason is required (at most {0} characters).", max);

    public static RuleText ReopenDueDate { get; } = new("MatterReopenDueDate", "The due date must fall between 2000 and 2100.");

    /// <summary><paramref name="status"/> is the matter's status in the API's words (lower case).</summary>
    public static RuleText NothingToReopen(string id, string status) =>
        new("MatterNothingToReopen", "Matter {0} is {1}: it is still waiting for answers, so there is nothing to reopen.", id, status);

    public static RuleText MatterUnknown(string id) => new("MatterUnknown", "Matter {0} does not exist.", id);

    // Meetings (现场办公会).
    public static RuleText CountyOutsideCity(string county, string city) => new("MeetingCountyCity", "County {0} is not in city {1}.", county, city);

    public static RuleText MeetingDate { get; } = new("MeetingDate", "The meeting date is required (between 2000 and 2100).");

    public static RuleText Host { get; } = new("MeetingHost", "The host is required (at most {0} characters), by title, e.g. 市委书记.", InputLimits.MaxShort);

    public static RuleText Year { get; } = new("YearRange", "Year must be between 2000 and 2100.");

    public static RuleText Month { get; } = new("MonthRange", "Month must be between 1 and 12.");

    public static RuleText PeriodAfterMeeting { get; } = new("MeetingPeriodAfter", "The report period cannot come after the meeting.");

    // Directives (交办督办).
    public static RuleText Towns { get; } = new("DirectiveTowns", "Name between one and a hundred towns.");

    public static RuleText TownCode { get; } = new("DirectiveTownCode", "A town code is nine digits starting with its county's code.");

    public static RuleText TownOutside(string town, string county) => new("DirectiveTownOutside", "Town {0} is not in county {1}.", town, county);

    public static RuleText NotIssuedTo(string id, string county) => new("DirectiveNotIssuedTo", "Directive {0} was not issued to county {1}.", id, county);

    public static RuleText Percent { get; } = new("DirectivePercent", "Progress is a percentage between 0 and 100.");

    public static RuleText ProgressNote { get; } = new("NoteAtMost", "The note is at most {0} characters.", 2000);

    public static RuleText ProgressCode { get; } = new("DirectiveCode", "code is the division code of a county or a town.");

    public static RuleText NotReached(string id, string code) => new("DirectiveNotReached", "Directive {0} does not reach {1}.", id, code);

    public static RuleText CountySplit(string code) =>
        new("DirectiveCountySplit", "County {0} split its share among its towns: its progress is the mean of theirs.", code);

    public static RuleText CityNotReported(string id) =>
        new("DirectiveCityNotReported", "The city's progress on directive {0} is the mean of its counties; it is not reported.", id);

    public static RuleText Counties { get; } = new("DirectiveCounties", "Name between one and fifty counties.");

    public static RuleText CountyOfCity(string county, string city) => new("DirectiveCountyCity", "{0} is not a county of city {1}.", county, city);

    public static RuleText DirectiveUnknown(string id) => new("DirectiveUnknown", "Directive {0} does not exist.", id);

    // Visits (领导调研) and leaders.
    public static RuleText LeaderId { get; } = new("LeaderIdFormat", "A leader id is letters, digits and dashes, at most 64.");

    public static RuleText VisitDate { get; } = new("VisitDate", "The date of the visit is required (between 2000 and 2100).");

    public static RuleText Findings { get; } = new("FindingsRequired", "The findings are required (at most {0} characters).", InputLimits.MaxText);

    public static RuleText VisitProjects { get; } = new("VisitProjects", "At most fifty projects.");

    public static RuleText ProjectOtherCity(string project, string city) => new("VisitProjectCity", "Project {0} is not in city {1}.", project, city);

    public static RuleText LeaderOtherCity(string leader, string leaderCity, string projectCity) =>
        new("LeaderOtherCity", "Leader {0} belongs to city {1}, the project to {2}.", leader, leaderCity, projectCity);
}
