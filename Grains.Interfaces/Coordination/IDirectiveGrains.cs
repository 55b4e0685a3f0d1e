using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>A directive (联动任务), keyed by the id the system assigned.</summary>
[Alias("Liandong.IDirectiveGrain")]
public interface IDirectiveGrain : IGrainWithStringKey
{
    /// <summary>Issues the directive to the chosen counties of the city; a second issue is a conflict.</summary>
    [Alias("Issue")]
    Task<DirectiveView> IssueAsync(DirectiveDraft draft, string actor);

    /// <summary>Splits a county's share among its towns (adding to an earlier split); a town outside the county is invalid.</summary>
    [Alias("Split")]
    Task<DirectiveView> SplitAsync(string countyCode, ImmutableArray<string> townCodes, string actor);

    /// <summary>Records progress of an assigned county or of a town it was split to; any other code is a conflict.</summary>
    [Alias("ReportProgress")]
    Task<DirectiveView> ReportProgressAsync(string code, decimal percent, string? note, string actor);

    /// <summary>The directive with each level's progress.</summary>
    [Alias("Get")]
    Task<DirectiveView> GetAsync();

    /// <summary>Who may read the directive (its city and every county and town it reaches), read-only.</summary>
    [Alias("GetScope")]
    Task<DirectiveScope> GetScopeAsync();
}

/// <summary>The directives that reach one jurisdiction (city, county or town code).</summary>
[Alias("Liandong.IDirectiveIndexGrain")]
public interface IDirectiveIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes the latest summary of a directive for this jurisdiction.</summary>
    [Alias("Track")]
    Task TrackAsync(DirectiveSummary summary);

    /// <summary>The directives, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<DirectiveSummary>> ListAsync();
}
