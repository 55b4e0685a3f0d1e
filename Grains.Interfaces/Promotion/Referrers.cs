using System.Collections.Immutable;
using Liandong.Hierarchy;

namespace Liandong.Promotion;

/// <summary>
/// The input rules of a referrer's registration (PUT /referrers/{id}, the portal's 登记引荐人 form and
/// <c>ReferrerGrain.RegisterAsync</c> call this one place): each refusal names the API's field and carries a key the
/// portal writes in its own language (Strings.resx "Workbench.Rule.{Key}").
/// </summary>
public static class ReferrerRules
{
    /// <summary>The longest contact (a name and a telephone number, typically).</summary>
    public const int MaxContact = InputLimits.MaxName;

    /// <summary>The kinds as the API spells them, for the messages.</summary>
    public static string Kinds { get; } = string.Join(", ", Enum.GetNames<ReferrerKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    /// <summary>
    /// What is wrong with a registration, field by field; empty when it may be stored. <paramref name="hometownCode"/> and
    /// <paramref name="contact"/> are optional (null or blank: none).
    /// </summary>
    public static IEnumerable<(string Field, RuleText Rule)> Problems(string? id, string? name, ReferrerKind? kind, string? cityCode,
        string? hometownCode, string? contact)
    {
        var idValid = ReferrerIds.IsValid(id);
        if (!idValid)
        {
            yield return ("id", new RuleText("ReferrerId", "A referrer id is {cityCode}-{slug}, e.g. 440800-wu-xiangxian."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > PromotionLimits.MaxName)
        {
            yield return ("name", new RuleText("NameRequired", "Name is required (at most {0} characters).", PromotionLimits.MaxName));
        }

        if (kind is not { } k || !Enum.IsDefined(k))
        {
            yield return ("kind", new RuleText("ReferrerKind", "Kind is one of {0}.", Kinds));
        }

        var cityValid = DivisionCodes.IsCity(cityCode);
        if (!cityValid)
        {
            yield return ("cityCode", new RuleText("ReferrerCityCode", "A city code is six digits ending in 00, e.g. 440800."));
        }
        else if (idValid && ReferrerIds.CityOf(id!) != cityCode)
        {
            yield return ("cityCode", new RuleText("ReferrerIdCity", "The referrer id starts with its city code {0}.", cityCode));
        }

        var hometown = Blank(hometownCode);
        if (hometown is not null && (!cityValid || !IsHometownOf(hometown, cityCode!)))
        {
            yield return ("hometownCode", new RuleText("ReferrerHometown", "The home town is a county or town code of the referrer's city, e.g. 440883 or 440883107."));
        }

        if (contact is { } c && c.Trim().Length > MaxContact)
        {
            yield return ("contact", new RuleText("AtMost", "At most {0} characters.", MaxContact));
        }
    }

    /// <summary>A registration form's refusal of an id already registered (the API's PUT updates it instead).</summary>
    public static RuleText Taken(string id) => new("ReferrerTaken", "Referrer {0} is already registered.", id);

    /// <summary>The first problem as the grain's refusal, or null.</summary>
    public static DomainException? Refusal(string? id, string? name, ReferrerKind? kind, string? cityCode, string? hometownCode, string? contact) =>
        Problems(id, name, kind, cityCode, hometownCode, contact).Select(p => DomainException.Invalid(p.Field, p.Rule)).FirstOrDefault();

    /// <summary>An optional text as stored: trimmed, and null when blank.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A county (not the city's own code) or a town of the city.</summary>
    public static bool IsHometownOf(string code, string cityCode) =>
        DivisionCodes.IsTown(code) ? DivisionCodes.CityOf(DivisionCodes.CountyOf(code)) == cityCode
        : DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code) && DivisionCodes.CityOf(code) == cityCode;
}

/// <summary>
/// What a referrer's leads became, the figures its page and the city's referrer list both show: leads brought, 万元 signed
/// (dropped leads not counted), projects converted and those projects' total investment (万元).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReferrerTotals")]
public sealed record ReferrerTotals(
    [property: Id(0)] int Leads,
    [property: Id(1)] decimal SignedAmount,
    [property: Id(2)] int Projects,
    [property: Id(3)] decimal ProjectInvestment)
{
    public static ReferrerTotals Empty { get; } = new(0, 0m, 0, 0m);

    public static ReferrerTotals Of(IReadOnlyCollection<LeadSummary> leads) => new(
        leads.Count,
        leads.Where(l => l.Stage != LeadStage.Dropped).Sum(l => l.SignedAmount),
        leads.Count(l => l.ProjectCode is not null),
        leads.Sum(l => l.ProjectInvestment ?? 0m));
}

/// <summary>A referrer as its city's list keeps it (pushed by the referrer with its version after every persisted change).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReferrerSummary")]
public sealed record ReferrerSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ReferrerKind Kind,
    [property: Id(3)] string CityCode,
    [property: Id(4)] string? HometownCode,
    [property: Id(5)] ReferrerTotals Totals,
    [property: Id(6)] long Version) : Liandong.Coordination.IIndexEntry;

/// <summary>
/// The referrers of one city, keyed by the city code: the latest summary each referrer pushed. It also takes in, when it
/// activates, the referrers that brought a lead of the city but never pushed (registered before the list existed).
/// </summary>
[Alias("Liandong.IReferrerIndexGrain")]
public interface IReferrerIndexGrain : IGrainWithStringKey
{
    /// <summary>Keeps a referrer's summary if it is newer than the one held.</summary>
    [Alias("Track")]
    Task TrackAsync(ReferrerSummary summary);

    /// <summary>The city's referrers, the largest signed amount first (then by name and id).</summary>
    [Alias("List")]
    Task<ImmutableArray<ReferrerSummary>> ListAsync();
}
