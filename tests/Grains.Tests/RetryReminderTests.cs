using Liandong.Accounts;
using Liandong.Finance;
using Liandong.Grains.Accounts;
using Liandong.Grains.Finance;
using Liandong.Grains.Hierarchy;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Tests.Coordination;
using Liandong.Grains.Tests.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Grains.Tests;

/// <summary>
/// The retry reminder is registered before the write it covers: a silo that dies between the write and the next
/// step (simulated by <see cref="CrashingStorage"/>, then deactivating the grain) still leaves the grain a reminder
/// that wakes it to finish what the write promised. On the escalation cluster: its reminders tick in real time.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class RetryReminderTests(EscalationFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IReminderTable Reminders => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    [Fact]
    public async Task AFinancingRequestWhoseSiloDiedRightAfterItsWriteIsStillToldToEveryParty()
    {
        var s = await new FinanceScenario(Grains).BuildAsync();
        var project = $"T-{s.City}-CRASH";
        await s.OwnedProjectAsync(project);
        var request = s.Request($"FR-{s.City}-CRASH");

        fixture.Storage.CrashAfterNextWrite(request.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() =>
            request.SubmitAsync(new FinancingSubmission(project, s.Enterprise, 20000m, "设备购置", 60), "enterprise"));
        await fixture.Cluster.DeactivateAsync(request);

        // The step was written, and its reminder before it, under the request's own name.
        Assert.NotNull(await Reminders.ReadRow(request.GetGrainId(), FinancingRequestGrain.RetryReminderName, TestContext.Current.CancellationToken));
        Assert.Null(await Reminders.ReadRow(request.GetGrainId(), WakeUpReminder.RollupName, TestContext.Current.CancellationToken));
        var stored = await ReadStoredAsync<FinancingState>("financing", request.GetGrainId());
        Assert.Equal(FinancingStatus.Submitted, stored.Status);

        // Nobody calls the request again: only its reminder can wake it to tell the project and the county.
        var seen = await Scenario.EventuallyAsync(() => Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest),
            v => v.Financing.Requested == 20000m, timeoutMs: 20_000);
        Assert.Equal(20000m, seen.Financing.Requested);
        // The parties are told side by side: the county's index may hear a moment after the project.
        var index = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(null),
            rows => rows.Length == 1, timeoutMs: 20_000);
        var listed = Assert.Single(index);
        Assert.Equal(FinancingStatus.Submitted, listed.Status);

        // Told, the request removes its reminder on the next tick.
        var left = await Scenario.EventuallyAsync(() => Reminders.ReadRow(request.GetGrainId(), FinancingRequestGrain.RetryReminderName, TestContext.Current.CancellationToken),
            r => r is null, timeoutMs: 20_000);
        Assert.Null(left);
    }

    [Fact]
    public async Task ATownWhoseSiloDiedRightAfterItWroteItselfOpenAlreadyHasItsReminder()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        var code = $"T-{s.City}-OPEN";
        await s.ProjectAsync(code, s.Towns[0]);
        await fixture.Cluster.DeactivateAsync(town);
        Assert.Null(await Reminders.ReadRow(town.GetGrainId(), WakeUpReminder.RollupName, TestContext.Current.CancellationToken));

        // The project's announcement makes the town open itself; its silo dies right after that write.
        fixture.Storage.CrashAfterNextWrite(town.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => town.PrepareAsync(code, 2));

        var stored = await ReadStoredAsync<DivisionState>("town", town.GetGrainId());
        Assert.True(stored.Open);
        Assert.NotNull(await Reminders.ReadRow(town.GetGrainId(), WakeUpReminder.RollupName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnAccountWhoseSiloDiedRightAfterItsWriteStillReachesItsCitysDirectory()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var user = Grains.GetGrain<IUserGrain>($"crash-{s.City}");

        fixture.Storage.CrashAfterNextWrite(user.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => user.CreateAsync(new NewUser("市重点项目办", UserRole.CityAdmin, s.City, s.City, "HASH"), "admin"));
        await fixture.Cluster.DeactivateAsync(user);

        // The account was written, and its reminder before it.
        Assert.NotNull(await Reminders.ReadRow(user.GetGrainId(), UserGrain.RetryReminderName, TestContext.Current.CancellationToken));
        Assert.NotNull((await ReadStoredAsync<UserState>("user", user.GetGrainId())).Account);

        // Nobody calls the account again: only its reminder can wake it to tell the directory.
        var listed = await Scenario.EventuallyAsync(() => Grains.GetGrain<IUserDirectoryGrain>(s.City).ListAsync(),
            accounts => accounts.Length == 1, timeoutMs: 20_000);
        Assert.Equal($"crash-{s.City}", Assert.Single(listed).Username);

        // Told, the account removes its reminder on the next tick.
        var left = await Scenario.EventuallyAsync(() => Reminders.ReadRow(user.GetGrainId(), UserGrain.RetryReminderName, TestContext.Current.CancellationToken),
            r => r is null, timeoutMs: 20_000);
        Assert.Null(left);
    }

    [Fact]
    public async Task AReferrerWhoseSiloDiedRightAfterItsWriteStillReachesItsCitysList()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var id = $"{s.City}-crash";
        var referrer = Grains.GetGrain<Liandong.Promotion.IReferrerGrain>(id);
        await referrer.RegisterAsync("某商会", Liandong.Promotion.ReferrerKind.Chamber, s.City, null, null, "test");
        var index = Grains.GetGrain<Liandong.Promotion.IReferrerIndexGrain>(s.City);
        Assert.Equal("某商会", Assert.Single(await index.ListAsync()).Name);

        fixture.Storage.CrashAfterNextWrite(referrer.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => referrer.RegisterAsync("某商会（更名）", Liandong.Promotion.ReferrerKind.Chamber, s.City, null, null, "test"));
        await fixture.Cluster.DeactivateAsync(referrer);

        // The new name was written, and its reminder before it.
        Assert.NotNull(await Reminders.ReadRow(referrer.GetGrainId(), Liandong.Grains.Coordination.SyncedGrain<Liandong.Grains.Promotion.ReferrerState>.RetryReminderName, TestContext.Current.CancellationToken));
        Assert.Equal("某商会（更名）", (await ReadStoredAsync<Liandong.Grains.Promotion.ReferrerState>("referrer", referrer.GetGrainId())).Name);

        // Nobody calls the referrer again: only its reminder can wake it to tell the list.
        var listed = await Scenario.EventuallyAsync(() => index.ListAsync(), l => l is [{ Name: "某商会（更名）" }], timeoutMs: 20_000);
        Assert.Equal("某商会（更名）", Assert.Single(listed).Name);
    }

    private async Task<T> ReadStoredAsync<T>(string stateName, GrainId grain)
    {
        var state = new GrainState<T>();
        await fixture.Storage.ReadStateAsync(stateName, grain, state);
        return state.State!;
    }
}
