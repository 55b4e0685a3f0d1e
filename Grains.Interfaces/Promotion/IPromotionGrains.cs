using System.Collections.Immutable;

namespace Liandong.Promotion;

/// <summary>A lead (招商线索), keyed by its id (<see cref="LeadIds"/>); rolls up into its county until converted.</summary>
[Alias("Liandong.ILeadGrain")]
public interface ILeadGrain : IGrainWithStringKey, Liandong.Hierarchy.IRollupChild
{
    /// <summary>Records a new lead; a lead matching an active one in the city is a conflict naming it.</summary>
    [Alias("Create")]
    Task<LeadView> CreateAsync(LeadDraft draft, string actor);

    /// <summary>The lead with its stages, follow-ups, deadlines and whether it is overdue now.</summary>
    [Alias("Get")]
    Task<LeadView> GetAsync();

    /// <summary>Who may touch the lead (its county, town and responsible leader), read-only and without building its view.</summary>
    [Alias("GetScope")]
    Task<LeadScope> GetScopeAsync();

    /// <summary>Moves the lead to the next stage (or drops it); a skipped stage is a conflict, an earlier date invalid.</summary>
    [Alias("Move")]
    Task<LeadView> MoveAsync(StageMove move, string actor);

    /// <summary>Records a follow-up, which may meet a deadline.</summary>
    [Alias("FollowUp")]
    Task<LeadView> FollowUpAsync(FollowUpKind kind, DateOnly date, string note, string actor);

    /// <summary>Turns a registered (or later) lead into a project in a town of its county, linked both ways.</summary>
    [Alias("Convert")]
    Task<LeadView> ConvertAsync(LeadConversion conversion, string actor);
}

/// <summary>A referrer (引荐人), keyed <c>{cityCode}-{slug}</c>; keeps the latest summary of each lead it brought.</summary>
[Alias("Liandong.IReferrerGrain")]
public interface IReferrerGrain : IGrainWithStringKey
{
    /// <summary>Registers the referrer or updates it; another city is a conflict.</summary>
    [Alias("Register")]
    Task<ReferrerInfo> RegisterAsync(string name, ReferrerKind kind, string cityCode, string? hometownCode, string? contact, string actor);

    /// <summary>The referrer, if registered.</summary>
    [Alias("GetInfo")]
    Task<ReferrerInfo?> GetInfoAsync();

    /// <summary>The referrer with its leads and what they became.</summary>
    [Alias("Get")]
    Task<ReferrerView> GetAsync();

    /// <summary>Keeps a lead's latest summary (older versions are ignored).</summary>
    [Alias("TrackLead")]
    Task TrackLeadAsync(LeadSummary summary);

    /// <summary>
    /// The summary its city's referrer list keeps, or null when not registered. Read-only and interleaved, so that the
    /// list may ask while the referrer is itself pushing to the list.
    /// </summary>
    [Alias("GetSummary"), Orleans.Concurrency.AlwaysInterleave]
    Task<ReferrerSummary?> GetSummaryAsync();
}

/// <summary>
/// The leads of one city, keyed by the city code: the dedupe keys of its active leads, and the latest summary of
/// every lead for the city's and counties' lists.
/// </summary>
[Alias("Liandong.ILeadIndexGrain")]
public interface ILeadIndexGrain : IGrainWithStringKey
{
    /// <summary>Reserves a dedupe key for a new lead; a key held by another active lead is a conflict naming it.</summary>
    [Alias("Reserve")]
    Task ReserveAsync(string key, string leadId, string name, string investor);

    /// <summary>Gives up a reservation a lead could not complete.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string key, string leadId);

    /// <summary>Keeps a lead's latest summary; a dropped lead frees its key.</summary>
    [Alias("Track")]
    Task TrackAsync(LeadSummary summary);

    /// <summary>The leads matching a filter, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<LeadSummary>> ListAsync(LeadFilter filter);
}

/// <summary>The project's side of investment promotion: the lead it came from.</summary>
[Alias("Liandong.IProjectPromotion")]
public interface IProjectPromotion
{
    /// <summary>Keeps the lead's latest link and figures (older versions are ignored); they roll up with the project's.</summary>
    [Alias("AcceptLead")]
    Task AcceptLeadAsync(ProjectLeadLink link);
}

/// <summary>
/// A city's timed-handling rules for leads, keyed by the city code: the command office changes them at run time (each
/// change a new version, with who and when); until it does, the deployment's defaults are in force.
/// </summary>
[Alias("Liandong.IPromotionRulesGrain")]
public interface IPromotionRulesGrain : IGrainWithStringKey
{
    /// <summary>The rules in force with their versions.</summary>
    [Alias("Get")]
    Task<PromotionRulesView> GetAsync();

    /// <summary>The rules in force (what a lead judges its deadlines by).</summary>
    [Alias("GetRules")]
    Task<PromotionRules> GetRulesAsync();

    /// <summary>Adopts new rules as the next version; rules with a problem are refused (400 naming the field), nothing changed.</summary>
    [Alias("Set")]
    Task<PromotionRulesView> SetAsync(PromotionRules rules, string actor);
}
