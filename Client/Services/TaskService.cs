using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Tasks;

namespace Liandong.Client.Services;

/// <summary>
/// The work list (待办) of the signed-in account: one read of the task index its role and jurisdiction own
/// (a division's for the command office and county and town officers, its department's, bank's, enterprise's or leader's office's),
/// kept up to date by the grains whose work it is. Nothing is scanned per request.
/// </summary>
public sealed class TaskService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    /// <summary>The index key whose work waits on the user, or null for a role that is given no work.</summary>
    public static string? OwnerOf(CurrentUser user) => user.Role switch
    {
        UserRole.CityAdmin or UserRole.CountyOfficer or UserRole.TownOfficer => TaskOwners.Division(user.Jurisdiction),
        UserRole.Department => TaskOwners.Department(user.Jurisdiction),
        UserRole.BankOfficer => TaskOwners.Bank(user.Jurisdiction),
        UserRole.ProjectOwner => TaskOwners.Enterprise(user.Jurisdiction),
        UserRole.Leader => TaskOwners.Leader(user.Jurisdiction),
        _ => null,
    };

    public async Task<ImmutableArray<TaskItem>> MineAsync(CurrentUser user)
    {
        if (OwnerOf(user) is not { } owner)
        {
            return [];
        }

        jurisdiction.Ensure(user, Access.Read, ScopeOf(user));
        return await cluster.GetGrain<ITaskIndexGrain>(owner).ListAsync();
    }

    /// <summary>The city's WeCom robots and what its outbox holds (the command office).</summary>
    public async Task<OutboxView> OutboxAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        return await cluster.GetGrain<INotificationOutboxGrain>(cityCode).GetAsync();
    }

    /// <summary>Sets the WeCom group robot of counties or departments of the city (the command office).</summary>
    public async Task<OutboxView> SetWebhooksAsync(CurrentUser user, string cityCode, ImmutableDictionary<string, string> webhooks)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        var outbox = cluster.GetGrain<INotificationOutboxGrain>(cityCode);
        await outbox.SetWebhooksAsync(webhooks);
        return await outbox.GetAsync();
    }

    /// <summary>
    /// Sends a test message to a target's robot through the outbox (the command office): persisted, sent and retried like
    /// any reminder, under a key of its own. Returns the key, to find it among the sent or the pending.
    /// </summary>
    public async Task<string> SendTestAsync(CurrentUser user, string cityCode, string target, string cityName)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        var outbox = cluster.GetGrain<INotificationOutboxGrain>(cityCode);
        if (!(await outbox.GetAsync()).Webhooks.ContainsKey(target))
        {
            throw DomainException.Invalid("target", $"{target} has no robot to test.");
        }

        var key = $"test:{target}:{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}";
        await outbox.EnqueueAsync(key, target,
            $"**联动平台测试消息**\n> {cityName}重点项目办于 {DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 发送。收到本消息说明群机器人配置正确。");
        return key;
    }

    private static Resource ScopeOf(CurrentUser user) => user.Role switch
    {
        UserRole.Department => Resource.Department(user.Jurisdiction),
        UserRole.BankOfficer => new Resource { Banks = [user.Jurisdiction], City = user.CityCode },
        UserRole.ProjectOwner => new Resource { Owners = [user.Jurisdiction], City = user.CityCode },
        UserRole.Leader => new Resource { Leaders = [user.Jurisdiction], City = user.CityCode },
        _ => Resource.Division(user.Jurisdiction),
    };
}
