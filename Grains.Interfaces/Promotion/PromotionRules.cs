using System.Globalization;
using System.Text;
using Liandong.Hierarchy;

namespace Liandong.Promotion;

/// <summary>
/// The city's timed-handling rules for leads. The defaults are Jiangmen's published rules (DESIGN.md
/// "Investment promotion"): respond in 1 day, assess in 3 (7 for leads of 5亿 or more), feed back to the
/// referrer in 7, report progress every 14 days while negotiating; a signed lead not started in 6 months
/// is a warning.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionRules")]
public sealed record PromotionRules(
    [property: Id(0)] int RespondDays,
    [property: Id(1)] int AssessDays,
    [property: Id(2)] int AssessDaysLarge,
    [property: Id(3)] decimal LargeLeadThreshold,
    [property: Id(4)] int FeedbackDays,
    [property: Id(5)] int ProgressDays,
    [property: Id(6)] int StartWithinMonths)
{
    public static PromotionRules Default { get; } = new(1, 3, 7, 50_000m, 7, 14, 6);

    /// <summary>The longest deadline a city may set, in days (a year).</summary>
    public const int MaxDays = 366;

    /// <summary>The longest signed-not-started limit a city may set, in months (five years).</summary>
    public const int MaxMonths = 60;

    /// <summary>What is wrong with the rules, field by field (the API's names); empty when a city may adopt them.</summary>
    public IEnumerable<(string Field, string Message)> Problems() => Rules().Select(p => (p.Field, p.Message.Text));

    /// <summary>What is wrong with the rules with keyed messages (a portal form shows them in its language).</summary>
    public IEnumerable<(string Field, RuleText Message)> Rules()
    {
        foreach (var (field, days) in new[] { ("respondDays", RespondDays), ("assessDays", AssessDays), ("assessDaysLarge", AssessDaysLarge),
                     ("feedbackDays", FeedbackDays), ("progressDays", ProgressDays) })
        {
            if (days is < 1 or > MaxDays)
            {
                yield return (field, new RuleText("PromotionDays", "Between 1 and {0} days.", MaxDays));
            }
        }

        if (AssessDaysLarge < AssessDays)
        {
            yield return ("assessDaysLarge", new RuleText("PromotionAssessLarge", "Large leads cannot have less time to assess than the others."));
        }

        if (LargeLeadThreshold is <= 0m or > PromotionLimits.MaxAmount)
        {
            yield return ("largeLeadThreshold", new RuleText("PromotionThreshold", "More than 0 and at most {0:0} (万元).", PromotionLimits.MaxAmount));
        }

        if (StartWithinMonths is < 1 or > MaxMonths)
        {
            yield return ("startWithinMonths", new RuleText("PromotionMonths", "Between 1 and {0} months.", MaxMonths));
        }
    }
}

/// <summary>One version of a city's promotion rules: who set it and when.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionRulesVersion")]
public sealed record PromotionRulesVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] PromotionRules Rules,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At);

/// <summary>
/// A city's promotion rules in force (<see cref="Version"/> 0: the deployment's defaults, never changed by the city),
/// with every version the command office set.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionRulesView")]
public sealed record PromotionRulesView(
    [property: Id(0)] string CityCode,
    [property: Id(1)] PromotionRules Rules,
    [property: Id(2)] int Version,
    [property: Id(3)] System.Collections.Immutable.ImmutableArray<PromotionRulesVersion> History);

/// <summary>Bounds on what a lead carries (万元 unless said), checked before anything is stored; the shared ones are <see cref="InputLimits"/>'s.</summary>
public static class PromotionLimits
{
    /// <summary>The largest amount accepted in any one money field: 10,000,000 万元 (1,000 亿元).</summary>
    public const decimal MaxAmount = InputLimits.MaxAmount;

    /// <summary>The largest land area accepted (亩).</summary>
    public const decimal MaxLandMu = 1_000_000m;

    public const int MaxName = InputLimits.MaxName;

    /// <summary>A stage note or a follow-up: a longer text.</summary>
    public const int MaxNote = InputLimits.MaxText;

    /// <summary>Null when the value is acceptable, else the message.</summary>
    public static string? AmountProblem(decimal? value, bool required, decimal max = MaxAmount) => AmountRule(value, required, max)?.Text;

    /// <summary>Null when the value is acceptable, else the keyed message (a portal form shows it in its language).</summary>
    public static RuleText? AmountRule(decimal? value, bool required, decimal max = MaxAmount) =>
        value is null ? (required ? new RuleText("LeadAmountRequired", "Required (万元).") : null)
        : value < 0m ? new RuleText("LeadNotNegative", "Cannot be negative.")
        : value > max ? new RuleText("LeadAmountMax", "At most {0:0} (万元).", max)
        : null;

    /// <summary>A figure in its own unit (land in 亩, energy in 吨标准煤/年): optional, not negative, at most <paramref name="max"/>.</summary>
    public static RuleText? MeasureRule(decimal? value, decimal max, string unit) =>
        value is null ? null
        : value < 0m ? new RuleText("LeadNotNegative", "Cannot be negative.")
        : value > max ? new RuleText("LeadMeasureMax", "At most {0:0} {1}.", max, unit)
        : null;

    /// <summary>The unit of a lead's land figure, as the messages name it.</summary>
    public const string LandUnit = "亩";

    /// <summary>The unit of a lead's energy figure (tonnes of standard coal a year), as the messages name it.</summary>
    public const string EnergyUnit = "吨标准煤/年";

    /// <summary>Fixed-asset investment is part of the planned investment: null when it is not larger, else the keyed message.</summary>
    public static RuleText? FixedAssetRule(decimal? fixedAsset, decimal? planned) =>
        fixedAsset is { } f && planned is { } p && f > p
            ? new RuleText("LeadFixedAssetOverPlanned", "Fixed-asset investment cannot exceed the planned investment.")
            : null;

    /// <summary>The date a lead was received: not in the future (China time <paramref name="today"/>), not before 2000.</summary>
    public static RuleText? ReceivedDateRule(DateOnly received, DateOnly today) =>
        received > today ? new RuleText("LeadReceivedFuture", "The date received cannot be in the future.")
        : received.Year < 2000 ? new RuleText("LeadReceivedBefore2000", "The date received cannot be before 2000.")
        : null;

    /// <summary>A responsible leader's id: a leader key (<see cref="Ids.IsLeaderId"/>); null when absent or well formed.</summary>
    public static RuleText? LeaderIdRule(string? leaderId) =>
        leaderId is null || Ids.IsLeaderId(leaderId) ? null : new RuleText("LeadLeaderId", "A leader id is letters, digits and dashes.");
}

/// <summary>Ids of leads: <c>ZS{county}-yyyyMMdd-XXXXXX</c>, so that the county a lead rolls up into can be read from it.</summary>
public static class LeadIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string countyCode, DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }

        return $"ZS{countyCode}-{now:yyyyMMdd}-{suffix}";
    }

    public static bool IsLead(string? id) =>
        id is { Length: 24 } && id.StartsWith("ZS", StringComparison.Ordinal) && id[8] == '-' && id[17] == '-'
        && id.AsSpan(2, 6).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The county a lead belongs to, from its id.</summary>
    public static string CountyOf(string id) => id.Substring(2, 6);

    public static bool BelongsTo(string? id, string countyCode) => IsLead(id) && CountyOf(id!) == countyCode;

    /// <summary>
    /// Whether a lead of the division (a county, or the city itself for a city-level lead) may become a project in the
    /// town: a town of its county, or any town of its city.
    /// </summary>
    public static bool MayConvertInto(string? townCode, string divisionCode) =>
        DivisionCodes.IsTown(townCode)
        && (DivisionCodes.IsCity(divisionCode)
            ? DivisionCodes.CityOf(DivisionCodes.CountyOf(townCode!)) == divisionCode
            : DivisionCodes.TownBelongsTo(townCode!, divisionCode));
}

/// <summary>Referrer ids are <c>{cityCode}-{slug}</c>, like departments.</summary>
public static class ReferrerIds
{
    public static bool IsValid(string? id) => Ids.IsDepartmentId(id);

    public static string CityOf(string id) => Ids.CityOfDepartment(id);
}

/// <summary>
/// The key two leads are the same by (查重): investor and name with case, full/half width, spaces and the
/// company-form suffix (有限责任公司 = 有限公司) normalised away.
/// </summary>
public static class LeadNames
{
    public static string Normalize(string text)
    {
        // NFKC folds full-width letters, digits, spaces and brackets into their half-width forms.
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Replace("有限责任公司", "有限公司", StringComparison.Ordinal);
    }

    public static string KeyOf(string investor, string name) => Normalize(investor) + "|" + Normalize(name);
}

/// <summary>
/// The national investment project code (投资项目统一代码, GB/T 40058): <c>YYYY-AAAAAA-BB-CC-DDDDDD</c>, 24
/// characters. Without the national online approval platform only the form can be checked: dashes at
/// positions 5, 12, 15 and 18 and digits elsewhere; a year of first registration no later than this year
/// (and not before 2000); a region part that is the city itself or a county-level division of it; industry and
/// category parts that are not 00; a serial that is not all zeros. Whether the code was issued is not known here.
/// </summary>
public static class NationalProjectCodes
{
    /// <summary>Null when <paramref name="code"/> is a well-formed national code in <paramref name="cityCode"/>, else the reason.</summary>
    public static string? Problem(string? code, string cityCode, int currentYear) => Rule(code, cityCode, currentYear)?.Text;

    /// <summary>Null when <paramref name="code"/> is a well-formed national code in <paramref name="cityCode"/>, else the keyed reason.</summary>
    public static RuleText? Rule(string? code, string cityCode, int currentYear)
    {
        if (code is not { Length: 24 })
        {
            return new RuleText("NationalCodeLength", "The national project code has 24 characters: YYYY-AAAAAA-BB-CC-DDDDDD.");
        }

        for (var i = 0; i < 24; i++)
        {
            var dash = i is 4 or 11 or 14 or 17;
            if (dash ? code[i] != '-' : code[i] is < '0' or > '9')
            {
                return new RuleText("NationalCodeForm", "The national project code is YYYY-AAAAAA-BB-CC-DDDDDD, digits and dashes only.");
            }
        }

        var year = int.Parse(code.AsSpan(0, 4), CultureInfo.InvariantCulture);
        if (year < 2000 || year > currentYear)
        {
            return new RuleText("NationalCodeYear", "The year part {0} must lie between 2000 and {1}.", year, currentYear);
        }

        var region = code.Substring(5, 6);
        if (region[..4] != cityCode[..4] || region[4..] != "00" && !Liandong.Hierarchy.DivisionCodes.IsCounty(region))
        {
            return new RuleText("NationalCodeRegion", "The region part {0} must be the city {1} or one of its counties.", region, cityCode);
        }

        if (code.Substring(12, 2) == "00" || code.Substring(15, 2) == "00")
        {
            return new RuleText("NationalCodeIndustry", "The industry (BB) and category (CC) parts cannot be 00.");
        }

        if (code[18..] == "000000")
        {
            return new RuleText("NationalCodeSerial", "The serial part (DDDDDD) cannot be all zeros.");
        }

        return null;
    }
}

/// <summary>
/// The refusals of leads and key-list applications that only a grain or the service can decide (the stage a lead stands at,
/// what is registered), as keyed rules: the API answers their English text, a portal form shows them in its language
/// (Strings.resx "Workbench.Rule.{Key}"). One home, so that the grain and the service refuse in the same words.
/// </summary>
public static class PromotionRefusals
{
    public static RuleText Closed(string stage) => new("LeadClosed", "The lead is {0}: it moves no further.", stage);

    public static RuleText DropStarted { get; } = new("LeadDropStarted", "A lead that has started cannot be dropped.");

    public static RuleText DropReason { get; } = new("LeadDropReason", "Dropping a lead needs its reason.");

    public static RuleText Already(string stage) => new("LeadAlready", "The lead is already {0}.", stage);

    public static RuleText Skipped(string stage, string next) => new("LeadSkipped", "The lead is {0}: the next stage is {1}, stages cannot be skipped.", stage, next);

    public static RuleText DateBeforeStage(DateOnly last) => new("LeadDateBeforeStage", "The date cannot be before the last stage's ({0:yyyy-MM-dd}).", last);

    public static RuleText DateInFuture { get; } = new("DateFuture", "The date cannot be in the future.");

    public static RuleText NoteAtMost { get; } = new("AtMost", "At most {0} characters.", PromotionLimits.MaxNote);

    public static RuleText SignedOnlySigned { get; } = new("LeadSignedOnlySigned", "The signed amount goes with the move to signed.");

    public static RuleText CreditOnlyRegistered { get; } = new("LeadCreditOnlyRegistered", "The credit code goes with the move to registered.");

    public static RuleText CreditCode(string problem) => new("CreditCode", "{0}", problem);

    public static RuleText FundsBeforeSigned { get; } = new("LeadFundsBeforeSigned", "Funds arrive only once the lead is signed.");

    public static RuleText FundsBelow(decimal total) => new("LeadFundsBelow", "Funds arrived is the total so far; it cannot fall below {0}.", total);

    public static RuleText ReferrerUnknown(string id) => new("LeadReferrerUnknown", "Referrer {0} is not registered.", id);

    public static RuleText ReferrerCity { get; } = new("LeadReferrerCity", "The referrer must belong to the lead's city.");

    public static RuleText LeaderUnknown(string id) => new("LeadLeaderUnknown", "Leader {0} is not registered.", id);

    public static RuleText LeaderCity { get; } = new("LeadLeaderCity", "The responsible leader must belong to the lead's city.");

    public static RuleText Duplicate(string holder, string what) =>
        new("LeadDuplicate", "The lead matches lead {0} ({1}), which is still active in this city.", holder, what);

    public static RuleText FollowUpBeforeReceived(DateOnly received) =>
        new("LeadFollowUpBeforeReceived", "A follow-up cannot come before the lead was received ({0:yyyy-MM-dd}).", received);

    public static RuleText FeedbackWithoutReferrer { get; } = new("LeadFeedbackNoReferrer", "Feedback goes to the referrer, and this lead has none.");

    public static RuleText Converted(string projectCode) => new("LeadConverted", "The lead was already converted into project {0}.", projectCode);

    public static RuleText NotYetRegistered(string stage) =>
        new("LeadNotRegistered", "The lead is {0}: only a registered lead (or later) becomes a project.", stage);

    public static RuleText TownOutside(string division) => new("LeadTownOutside", "The town must belong to the lead's division {0}.", division);

    public static RuleText NationalCode(string problem) => new("LeadNationalCode", "{0}", problem);

    public static RuleText ProjectExists(string projectCode) => new("LeadProjectExists", "Project {0} already exists.", projectCode);

    public static RuleText ListDuplicate(string projectCode, string list, int year, string id) =>
        new("ListDuplicate", "Project {0} already applied to the {1} list for {2} ({3}).", projectCode, list, year, id);

    public static RuleText ListYearMax(int year) => new("ListYearMax", "Applications are for a year up to {0}.", year);

    public static RuleText ListNotDraft(string status) => new("ListNotDraft", "The application is {0}; only a draft is submitted.", status);

    /// <summary>Not ready: <paramref name="failed"/> names each failed check with its detail (the API's text); <paramref name="checks"/> are their ids, comma-separated, for a form to name them in its language.</summary>
    public static RuleText ListNotReady(string failed, string checks) => new("ListNotReady", "Not ready: {0}", failed, checks);

    public static RuleText ListNotSubmitted(string status) => new("ListNotSubmitted", "The application is {0}; the city decides on a submitted one.", status);

    public static RuleText CountyCode { get; } =
        new("LeadCountyCode", "A county code is six digits, e.g. 440883 (or the city's code, e.g. 440800, for a city-level lead).");

    public static RuleText ReferrerId { get; } = new("LeadReferrerId", "A referrer id is {cityCode}-{slug}, e.g. 440800-wu-xiangxian.");

    public static RuleText Required { get; } = new("LeadRequired", "Required.");

    public static RuleText AtMost(int max) => new("AtMost", "At most {0} characters.", max);

    public static RuleText DivisionUnknown(string code, bool city) =>
        city ? new("CityUnknown", "City {0} is not registered.", code) : new("CountyUnknown", "County {0} is not registered.", code);

    public static RuleText FollowUpNote { get; } = new("LeadFollowUpNote", "A note is required (at most {0} characters).", PromotionLimits.MaxNote);

    public static RuleText FundsSecured { get; } = new("ListFundsSecured", "Funds secured (万元) lie between 0 and {0:0}.", PromotionLimits.MaxAmount);

    // The details of a key-list application's readiness checks (申报条件), as the API has always written them.
    public static RuleText CheckCode(string code) => new("ListCheckCode", "{0}", code);

    public static RuleText CheckNoApproval { get; } = new("ListCheckNoApproval", "no 审批/核准/备案 recorded");

    public static RuleText CheckApproval(ApprovalKind kind) => kind switch
    {
        ApprovalKind.Approved => new("ListCheckApproved", "Approved"),
        ApprovalKind.Verified => new("ListCheckVerified", "Verified"),
        ApprovalKind.Filed => new("ListCheckFiled", "Filed"),
        _ => CheckNoApproval,
    };

    public static RuleText CheckLand(bool secured) =>
        secured ? new("ListCheckLandSecured", "land secured") : new("ListCheckLandMissing", "land not secured");

    public static RuleText CheckEnvironment(bool approved) =>
        approved ? new("ListCheckEnvironmentApproved", "environmental assessment approved") : new("ListCheckEnvironmentMissing", "environmental assessment missing");

    public static RuleText CheckFunds(decimal secured, decimal needed) => new("ListCheckFunds", "{0} of {1} 万元 secured", secured, needed);

    public static RuleText CheckNoPlannedStart { get; } = new("ListCheckNoPlannedStart", "no planned start");

    public static RuleText CheckPlannedStart(DateOnly start, int year) =>
        new("ListCheckPlannedStart", "planned start {0:yyyy-MM-dd}, the list year is {1}", start, year);

    public static RuleText CheckNoStart { get; } = new("ListCheckNoStart", "no start date");

    public static RuleText CheckStarted(DateOnly start) => new("ListCheckStarted", "started {0:yyyy-MM-dd}", start);

    public static RuleText CheckPreparatory { get; } = new("ListCheckPreparatory", "a preparatory project needs no start date");
}
