using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>A leader of one of the four leading bodies (四套班子领导), linked to key projects (联系重点项目).</summary>
[Alias("Liandong.ILeaderGrain")]
public interface ILeaderGrain : IGrainWithStringKey
{
    /// <summary>Registers the leader or updates the title or body; another city is a conflict.</summary>
    [Alias("Register")]
    Task<LeaderInfo> RegisterAsync(string title, LeadingBody body, string cityCode, string actor);

    /// <summary>The leader, if registered.</summary>
    [Alias("GetInfo")]
    Task<LeaderInfo?> GetInfoAsync();

    /// <summary>Who may touch the leader (its city), read-only; not found when the leader is not registered.</summary>
    [Alias("GetScope")]
    Task<LeaderScope> GetScopeAsync();

    /// <summary>The leader's page: projects with lights and open matters for a period, and visits.</summary>
    [Alias("Get")]
    Task<LeaderView> GetAsync(PeriodQuery period);

    /// <summary>Lists a project under the leader (called by the project once it stored the link).</summary>
    [Alias("LinkProject")]
    Task LinkProjectAsync(LinkedProject project, string actor);

    /// <summary>Removes a project from the leader (called by the project when it got another leader).</summary>
    [Alias("UnlinkProject")]
    Task UnlinkProjectAsync(string projectCode, string actor);

    /// <summary>Takes the latest summary of one of the leader's visits.</summary>
    [Alias("TrackVisit")]
    Task TrackVisitAsync(VisitSummary visit);
}

/// <summary>The leaders of a city.</summary>
[Alias("Liandong.ILeaderIndexGrain")]
public interface ILeaderIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes the latest summary of a leader.</summary>
    [Alias("Track")]
    Task TrackAsync(LeaderSummary summary);

    /// <summary>The city's leaders, by body then title.</summary>
    [Alias("List")]
    Task<ImmutableArray<LeaderSummary>> ListAsync();
}
