using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>The work list (API.md "Work lists"): what waits on the signed-in account now.</summary>
public static class TasksApi
{
    public sealed record TaskJson(string Kind, string Id, string Title, DateOnly? DueDate, bool Overdue, string Link, bool DueSoon);

    public sealed record WebhooksBody(IReadOnlyDictionary<string, string?>? Webhooks);

    public sealed record TasksJson(IReadOnlyList<TaskJson> Tasks);

    private const string Tag = "Work lists";

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/tasks", GetMyTasks)
            .WithName("GetMyTasks").WithSummary("The signed-in account's work list (待办): matters to answer or confirm, directive shares, financing steps; done work leaves at once.")
            .WithTags(Tag);
        api.MapGet("/cities/{code}/notifications", GetNotifications)
            .WithName("GetNotifications").WithSummary("The city's WeCom group robots, the reminders waiting to reach them and those sent (the command office).")
            .WithTags(Tag);
        api.MapPut("/cities/{code}/notifications/webhooks", SetNotificationWebhooks)
            .WithName("SetNotificationWebhooks").WithSummary("Sets the WeCom group robot (webhook) of counties or departments of the city; an empty address removes one.")
            .WithTags(Tag);
        return api;
    }

    private static async Task<Ok<TasksJson>> GetMyTasks(TaskService tasks, HttpContext http) =>
        TypedResults.Ok(new TasksJson((await tasks.MineAsync(http.CurrentUser()))
            .Select(t => new TaskJson(t.Kind, t.Id, t.Title, t.DueDate, t.Overdue, t.Link, t.DueSoon)).ToList()));

    private static async Task<Results<Ok<OutboxView>, ValidationProblem>> GetNotifications(string code, TaskService tasks, HttpContext http) =>
        DivisionCodes.IsCity(code)
            ? TypedResults.Ok(await tasks.OutboxAsync(http.CurrentUser(), code))
            : new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();

    private static async Task<Results<Ok<OutboxView>, ValidationProblem>> SetNotificationWebhooks(string code, WebhooksBody body, TaskService tasks, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
            .Require(body.Webhooks is { Count: > 0 and <= 200 }, "webhooks", "Give between one and 200 targets, each a county code or a department id.");
        foreach (var (target, url) in body.Webhooks ?? new Dictionary<string, string?>())
        {
            var isTarget = (DivisionCodes.IsCounty(target) && !DivisionCodes.IsCity(target) && DivisionCodes.CountyBelongsTo(target, code))
                || (CoordinationIds.IsDepartmentId(target) && CoordinationIds.CityOfDepartment(target) == code);
            errors.Require(isTarget, $"webhooks.{target}", "A target is a county of the city or one of its departments.")
                .Require(string.IsNullOrEmpty(url) || (url.Length <= 500 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"),
                    $"webhooks.{target}", "The robot's webhook address (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…), or empty to remove it.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var webhooks = body.Webhooks!.ToImmutableDictionary(w => w.Key, w => w.Value ?? "");
        return TypedResults.Ok(await tasks.SetWebhooksAsync(http.CurrentUser(), code, webhooks));
    }
}
