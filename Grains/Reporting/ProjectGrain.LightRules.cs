using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

/// <summary>
/// The project's side of the city's warning-light rule (亮灯规则): the rule book travels down to the project when the
/// city changes it (<see cref="LightRuleGrain"/>) and is read once when the project registers, so judging a report
/// costs no call.
/// </summary>
public sealed partial class ProjectGrain
{
    public async Task AdoptLightRulesAsync(LightRuleBook book)
    {
        if (state.State.Profile is not { } profile || book.CityCode != CityOf(profile))
        {
            return;
        }

        if (state.State.LightRules is { } held && held.Version >= book.Version)
        {
            return;
        }

        var now = time.GetUtcNow();
        await CommitAsync(state.State with
        {
            LightRules = book,
            History = state.State.History.Add(new AuditEntry(now, "system", $"light rule version {book.Version} of city {book.CityCode}")),
        });
        logger.LogDebug("Project {Project} re-judged under light rule version {Version}", Code, book.Version);
        await PushAsync();
    }

    /// <summary>The city's rule book as it stands, for a project that registers (once; later changes travel down).</summary>
    private Task<LightRuleBook> CityLightRulesAsync(ProjectProfile profile) =>
        GrainFactory.GetGrain<ILightRuleGrain>(CityOf(profile)).GetAsync();

    private static string CityOf(ProjectProfile profile) => DivisionCodes.CityOf(DivisionCodes.CountyOf(profile.TownCode));
}
