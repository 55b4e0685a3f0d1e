using Liandong.Coordination;
using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

public sealed partial class ProjectGrain : IProjectCoordinationGrain
{
    public async Task<ProjectView> SetLeaderAsync(string leaderId, string actor)
    {
        var profile = EnsureRegistered();
        if (!Ids.IsLeaderId(leaderId))
        {
            throw DomainException.Invalid("leaderId", CoordinationRefusals.LeaderId);
        }

        var leader = GrainFactory.GetGrain<ILeaderGrain>(leaderId);
        var info = await leader.GetInfoAsync() ?? throw DomainException.NotFound(CoordinationRefusals.LeaderUnknown(leaderId));
        if (info.CityCode != DivisionCodes.CityOf(profile.TownCode))
        {
            throw DomainException.Invalid("leaderId", CoordinationRefusals.LeaderOtherCity(leaderId, info.CityCode, DivisionCodes.CityOf(profile.TownCode)));
        }

        var previous = state.State;
        var earlier = previous.LeaderId;
        if (earlier != leaderId)
        {
            // The leader is not part of the figures the town holds, so the roll-up version does not move.
            var next = previous with
            {
                LeaderId = leaderId,
                History = previous.History.Add(new AuditEntry(time.GetUtcNow(), actor,
                    earlier is null ? $"linked leader {leaderId} {info.Title}" : $"linked leader {earlier} → {leaderId} {info.Title}")),
            };
            await Publisher.PersistAsync(state, next, registerRetry: false);
            logger.LogInformation("Project {Project} linked to leader {Leader}", Code, leaderId);
        }

        // The leaders' lists follow the project, which holds the link; repeating the request repairs them.
        await leader.LinkProjectAsync(new LinkedProject(Code, profile.Name, profile.TownCode, time.GetUtcNow()), actor);
        if (earlier is not null && earlier != leaderId)
        {
            await GrainFactory.GetGrain<ILeaderGrain>(earlier).UnlinkProjectAsync(Code, actor);
        }

        return View(PeriodQuery.Latest);
    }
}
