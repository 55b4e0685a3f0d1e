using System.Collections.Immutable;
using Liandong.Coordination;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>Departments, matters and leaders on top of a <see cref="Scenario"/>, under the scenario's own codes.</summary>
internal static class CoordinationSetup
{
    /// <summary>Registers the departments <c>{city}-{slug}</c> with the given slugs and returns their ids.</summary>
    public static async Task<string[]> DepartmentsAsync(IGrainFactory grains, Scenario s, params string[] slugs)
    {
        var names = new Dictionary<string, string>
        {
            ["zrzyj"] = "市自然资源局",
            ["zjj"] = "市住房和城乡建设局",
            ["jtysj"] = "市交通运输局",
            ["sthjj"] = "市生态环境局",
            ["jrj"] = "市金融工作局",
        };
        var ids = new List<string>();
        foreach (var slug in slugs)
        {
            var id = $"{s.City}-{slug}";
            await grains.GetGrain<IDepartmentGrain>(id).RegisterAsync(names.GetValueOrDefault(slug, "市" + slug + "局"), s.City, "test");
            ids.Add(id);
        }

        return [.. ids];
    }

    public static MatterDraft Draft(string raisedBy, string addressedTo, IEnumerable<string> departments, DateOnly due,
        string title = "关于园区新增用地指标的事项", string? project = null, string? meeting = null, string? visit = null) =>
        new(title, "园区二期用地指标不足，需市级统筹保障。", raisedBy, project, addressedTo, departments.ToImmutableArray(), due, meeting, visit);

    public static async Task<IMatterGrain> RaiseAsync(IGrainFactory grains, MatterDraft draft, string actor = "吴川市重点项目办")
    {
        var grain = grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));
        await grain.RaiseAsync(draft, actor);
        return grain;
    }

    public static async Task<DomainException> RejectedAsync(Func<Task> act, DomainErrorKind kind, string? field = null)
    {
        var error = await Assert.ThrowsAsync<DomainException>(act);
        Assert.Equal(kind, error.Kind);
        if (field is not null)
        {
            Assert.Equal(field, error.Field);
        }

        return error;
    }
}
