using Liandong.Client.Auth;
using Liandong.Client.Services;

namespace Liandong.Client.Api;

/// <summary>The work list (API.md "Work lists"): what waits on the signed-in account now.</summary>
public static class TasksApi
{
    public sealed record TaskJson(string Kind, string Id, string Title, DateOnly? DueDate, bool Overdue, string Link);

    public sealed record TasksJson(IReadOnlyList<TaskJson> Tasks);

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/tasks", async (TaskService tasks, HttpContext http) =>
                Results.Ok(new TasksJson((await tasks.MineAsync(http.CurrentUser()))
                    .Select(t => new TaskJson(t.Kind, t.Id, t.Title, t.DueDate, t.Overdue, t.Link)).ToList())))
            .WithName("GetMyTasks").WithSummary("The signed-in account's work list (待办): matters to answer or confirm, directive shares, financing steps; done work leaves at once.")
            .WithTags("Work lists").Produces<TasksJson>();
        return api;
    }
}
