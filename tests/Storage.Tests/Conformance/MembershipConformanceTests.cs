// The table calls are short database round trips; the test host times the test out as a whole.
#pragma warning disable xUnit1051

using System.Net;
using Liandong.Silo.Storage;

namespace Liandong.Storage.Tests.Conformance;

/// <summary>
/// The membership-table contract of Orleans' ADO.NET clustering (the cases of Orleans' membership conformance suite,
/// restated) against a PostgreSQL database prepared only by Silo/Storage/Sql/Postgres: the table a silo's provider
/// resolves from a silo host configured as in production, whose lifecycle is not started, so each call is the test's own.
/// </summary>
public sealed class PostgresMembershipConformanceTests : IAsyncLifetime
{
    private readonly string _clusterId = $"conformance-{Guid.NewGuid():N}";
    private PostgresBackend? _backend;
    private IHost? _host;

    private IMembershipTable Table => _host!.Services.GetRequiredService<IMembershipTable>();

    public async ValueTask InitializeAsync()
    {
        _backend = await PostgresBackend.CreateAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(_backend.Settings)
        {
            ["Cluster:Provider"] = "AdoNet",
            ["Cluster:ClusterId"] = _clusterId,
            ["Cluster:ServiceId"] = TestSilo.ServiceId,
        });
        builder.UseOrleans(silo => silo.AddLiandongStorage(builder.Configuration));
        _host = builder.Build();
        await _host.Services.GetRequiredService<SchemaInstaller>().ApplyAsync(TestContext.Current.CancellationToken);
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    private static int _port = 40000;

    private static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, DateTime? alive = null)
    {
        var now = DateTime.UtcNow;
        var address = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref _port)), 1);
        return new MembershipEntry
        {
            SiloAddress = address,
            HostName = "silo-host",
            SiloName = "silo-" + address.Endpoint.Port,
            Status = status,
            ProxyPort = 30000,
            StartTime = now,
            IAmAliveTime = alive ?? now,
            SuspectTimes = [],
        };
    }

    [Fact]
    public async Task AFreshClusterHasNoMembersAndVersionZeroAndInitializingAgainIsHarmless()
    {
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var all = await Table.ReadAllAsync();
        Assert.Empty(all.Members);
        Assert.Equal(0, all.Version.Version);
    }

    [Fact]
    public async Task ASiloIsInsertedOnceWithTheNextTableVersionAndReadBack()
    {
        var entry = Entry();
        var version = (await Table.ReadAllAsync()).Version;

        Assert.True(await Table.InsertRowAsync(entry, version.Next()));
        Assert.False(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()));

        var row = await Table.ReadRowAsync(entry.SiloAddress);
        var (read, etag) = Assert.Single(row.Members);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(30000, read.ProxyPort);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task AnInsertWithAStaleTableVersionFails()
    {
        var stale = (await Table.ReadAllAsync()).Version;
        Assert.True(await Table.InsertRowAsync(Entry(), stale.Next()));

        Assert.False(await Table.InsertRowAsync(Entry(), stale.Next()));
        Assert.Single((await Table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task AnUpdateNeedsTheRowsETagAndTheNextTableVersion()
    {
        var entry = Entry();
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()));
        var all = await Table.ReadAllAsync();
        var (_, etag) = Assert.Single(all.Members);

        entry.Status = SiloStatus.Active;
        Assert.True(await Table.UpdateRowAsync(entry, etag, all.Version.Next()));

        // The same ETag again is stale now, and so is the table version.
        entry.Status = SiloStatus.Dead;
        Assert.False(await Table.UpdateRowAsync(entry, etag, (await Table.ReadAllAsync()).Version.Next()));
        var current = await Table.ReadAllAsync();
        var (read, newEtag) = Assert.Single(current.Members);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.False(await Table.UpdateRowAsync(entry, newEtag, all.Version.Next()));
        Assert.True(await Table.UpdateRowAsync(entry, newEtag, current.Version.Next()));
        Assert.Equal(SiloStatus.Dead, Assert.Single((await Table.ReadAllAsync()).Members).Item1.Status);
    }

    [Fact]
    public async Task SuspicionsAreStoredWithTheRow()
    {
        var entry = Entry(SiloStatus.Active);
        var accuser = Entry(SiloStatus.Active);
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()));
        var all = await Table.ReadAllAsync();
        entry.AddOrUpdateSuspector(accuser.SiloAddress, DateTime.UtcNow, 2);
        Assert.True(await Table.UpdateRowAsync(entry, all.Members[0].Item2, all.Version.Next()));

        var (read, _) = Assert.Single((await Table.ReadRowAsync(entry.SiloAddress)).Members);
        Assert.Equal(accuser.SiloAddress, Assert.Single(read.SuspectTimes!).Item1);
    }

    [Fact]
    public async Task IAmAliveMovesTheHeartbeatAndNothingElse()
    {
        var entry = Entry(SiloStatus.Active, alive: DateTime.UtcNow.AddMinutes(-10));
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()));
        var before = await Table.ReadAllAsync();

        var heartbeat = DateTime.UtcNow;
        entry.IAmAliveTime = heartbeat;
        await Table.UpdateIAmAliveAsync(entry);

        var after = await Table.ReadAllAsync();
        var (read, _) = Assert.Single(after.Members);
        Assert.True(Math.Abs((read.IAmAliveTime.ToUniversalTime() - heartbeat).TotalSeconds) < 1, $"IAmAliveTime {read.IAmAliveTime:O}, sent {heartbeat:O}");
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(before.Version.Version, after.Version.Version);
    }

    [Fact]
    public async Task DefunctDeadSilosAreCleanedUpAndLiveOnesKept()
    {
        var dead = Entry(SiloStatus.Dead, alive: DateTime.UtcNow.AddDays(-8));
        var alive = Entry(SiloStatus.Active);
        Assert.True(await Table.InsertRowAsync(dead, (await Table.ReadAllAsync()).Version.Next()));
        Assert.True(await Table.InsertRowAsync(alive, (await Table.ReadAllAsync()).Version.Next()));

        await Table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-7));

        var (left, _) = Assert.Single((await Table.ReadAllAsync()).Members);
        Assert.Equal(alive.SiloAddress, left.SiloAddress);
    }

    [Fact]
    public async Task DeletingTheClustersEntriesEmptiesIt()
    {
        Assert.True(await Table.InsertRowAsync(Entry(SiloStatus.Active), (await Table.ReadAllAsync()).Version.Next()));

        await Table.DeleteMembershipTableEntriesAsync(_clusterId);

        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Empty((await Table.ReadAllAsync()).Members);
    }
}
