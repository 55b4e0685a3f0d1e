namespace Liandong.Grains.Reporting;

/// <summary>The project's access scope: what the front tier checks a caller against, without building a view.</summary>
public sealed partial class ProjectGrain
{
    public Task<ProjectScope> GetScopeAsync()
    {
        var profile = EnsureRegistered();
        return Task.FromResult(new ProjectScope(profile.TownCode, state.State.Owner?.CreditCode, state.State.LeaderId));
    }
}
