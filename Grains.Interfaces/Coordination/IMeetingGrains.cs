using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>An on-site office meeting (现场办公会), keyed by the id the system assigned.</summary>
[Alias("Liandong.IMeetingGrain")]
public interface IMeetingGrain : IGrainWithStringKey
{
    /// <summary>Opens the meeting and freezes the county's report for the period; a second open is a conflict.</summary>
    [Alias("Open")]
    Task<MeetingView> OpenAsync(MeetingDraft draft, string actor);

    /// <summary>The meeting, if opened.</summary>
    [Alias("GetInfo")]
    Task<MeetingInfo?> GetInfoAsync();

    /// <summary>The meeting with its frozen report and its matters.</summary>
    [Alias("Get")]
    Task<MeetingView> GetAsync();

    /// <summary>Who may read the meeting (the city or county that holds it), read-only and without its report.</summary>
    [Alias("GetScope")]
    Task<MeetingScope> GetScopeAsync();

    /// <summary>The minutes (纪要) in Chinese Markdown, written from the matters and their answers.</summary>
    [Alias("GetMinutes")]
    Task<string> GetMinutesAsync();

    /// <summary>Takes the latest state of a matter raised at the meeting (an older version changes nothing).</summary>
    [Alias("TrackMatter")]
    Task TrackMatterAsync(MatterView matter);
}

/// <summary>The meetings held in a city or at a county, newest first.</summary>
[Alias("Liandong.IMeetingIndexGrain")]
public interface IMeetingIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes the latest summary of a meeting.</summary>
    [Alias("Track")]
    Task TrackAsync(MeetingSummary summary);

    /// <summary>The meetings, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<MeetingSummary>> ListAsync();
}
