using Liandong.Accounts;
using Liandong.Grains.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Liandong.Grains.Tests.Accounts;

/// <summary>Accounts: one role and one jurisdiction each, listed per city, locked after repeated failures.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private static int _next;

    private static string NewName(string prefix) => $"{prefix}.{Interlocked.Increment(ref _next)}";

    [Fact]
    public async Task ACreatedAccountIsListedInItsCitysDirectoryWithoutItsHash()
    {
        var name = NewName("dir");
        var account = await fixture.Grains.GetGrain<IUserGrain>(name).CreateAsync(new NewUser("吴川市发改局", UserRole.CountyOfficer, "440883", "440800", "HASH"), "admin");

        var listed = await fixture.Grains.GetGrain<IUserDirectoryGrain>("440800").ListAsync();

        Assert.Contains(account, listed);
        Assert.Equal("admin", account.CreatedBy);
    }

    [Fact]
    public async Task ASecondAccountUnderTheSameNameIsAConflictAndKeepsTheFirst()
    {
        var name = NewName("twice");
        var grain = fixture.Grains.GetGrain<IUserGrain>(name);
        await grain.CreateAsync(new NewUser("第一", UserRole.TownOfficer, "440883107", "440800", "H1"), "admin");

        var e = await Assert.ThrowsAsync<DomainException>(() => grain.CreateAsync(new NewUser("第二", UserRole.CityAdmin, "440800", "440800", "H2"), "admin"));

        Assert.Equal(DomainErrorKind.Conflict, e.Kind);
        var ticket = await grain.BeginSignInAsync();
        Assert.Equal("第一", ticket.Account!.DisplayName);
        Assert.Equal("H1", ticket.PasswordHash);
    }

    [Theory]
    [InlineData(UserRole.CountyOfficer, "440883107")]
    [InlineData(UserRole.TownOfficer, "440883")]
    [InlineData(UserRole.CityAdmin, "440900")]
    [InlineData(UserRole.Department, "440900-zrzyj")]
    [InlineData(UserRole.ProjectOwner, "not-a-credit-code")]
    public async Task AJurisdictionThatDoesNotFitTheRoleIsA400NamingJurisdictionAndCreatesNothing(UserRole role, string jurisdiction)
    {
        var grain = fixture.Grains.GetGrain<IUserGrain>(NewName("misfit"));

        var e = await Assert.ThrowsAsync<DomainException>(() => grain.CreateAsync(new NewUser("x", role, jurisdiction, "440800", "H"), "admin"));

        Assert.Equal("jurisdiction", e.Field);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task FailuresAgainstANameThatDidNotExistYetDoNotLockTheAccountCreatedUnderIt()
    {
        var name = NewName("early");
        var grain = fixture.Grains.GetGrain<IUserGrain>(name);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await grain.RecordSignInAsync(false);
        }

        Assert.NotNull((await grain.BeginSignInAsync()).RetryAfter);

        await grain.CreateAsync(new NewUser("市重点项目办", UserRole.CityAdmin, "440800", "440800", "HASH"), "demo");

        var ticket = await grain.BeginSignInAsync();
        Assert.Null(ticket.RetryAfter);
        Assert.Equal("HASH", ticket.PasswordHash);
    }

    [Fact]
    public async Task ADisabledAccountGetsNoSignInTicket()
    {
        var grain = fixture.Grains.GetGrain<IUserGrain>(NewName("off"));
        await grain.CreateAsync(new NewUser("停用", UserRole.Inspector, "440883", "440800", "H"), "admin");

        await grain.SetDisabledAsync(true, "admin");

        Assert.Null((await grain.BeginSignInAsync()).Account);
    }

    [Fact]
    public async Task FiveFailuresLockAnAccountAndTheLockIsSharedByEveryCaller()
    {
        var name = NewName("lock");
        var grain = fixture.Grains.GetGrain<IUserGrain>(name);
        await grain.CreateAsync(new NewUser("锁定", UserRole.TownOfficer, "440883101", "440800", "H"), "admin");

        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
        {
            Assert.Null(await grain.RecordSignInAsync(false));
        }

        var locked = await grain.RecordSignInAsync(false);

        Assert.NotNull(locked);
        Assert.NotNull((await fixture.Grains.GetGrain<IUserGrain>(name).BeginSignInAsync()).RetryAfter);
    }
}

/// <summary>The sign-in throttle on its own clock.</summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public void FiveFailuresWithinFifteenMinutesLockUntilTheOldestIsFifteenMinutesOld()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 6, 8, 9, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed();
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(TimeSpan.FromMinutes(10), throttle.RetryAfter());

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(throttle.RetryAfter());
    }

    [Fact]
    public void ASuccessClearsTheFailures()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider());
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed();
        }

        throttle.Succeeded();
        throttle.Failed();

        Assert.Null(throttle.RetryAfter());
    }

    [Fact]
    public void FailuresOlderThanTheWindowDoNotCount()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed();
        }

        time.Advance(TimeSpan.FromMinutes(16));
        throttle.Failed();

        Assert.Null(throttle.RetryAfter());
    }
}
