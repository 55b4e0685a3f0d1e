using Liandong.Tenders;
using static Liandong.Grains.Tests.Integrity.Processes;

namespace Liandong.Grains.Tests.Integrity;

[Collection(ClusterCollection.Name)]
public sealed class TenderGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(Scenario Scenario, string Project, TenderPlacement Placement)> ProjectAsync()
    {
        var scenario = await new Scenario(Grains).BuildAsync(1, 1);
        var code = $"TP-{scenario.City}";
        await scenario.ProjectAsync(code, scenario.Towns[0]);
        return (scenario, code, new TenderPlacement(code, scenario.Counties[0], scenario.City, TenderSource.Entered));
    }

    [Fact]
    public async Task ACorrectionKeepsTheReplacedVersionAndReachesBothIndexes()
    {
        var (scenario, project, placement) = await ProjectAsync();
        var grain = Grains.GetGrain<ITenderGrain>($"{project}-1");
        var first = await grain.SaveAsync(placement, Tender("x").Data, "wuchuan.officer");
        Assert.True(first.Created);
        var corrected = await grain.SaveAsync(placement, Tender("x").Data with { BidDeadline = Day0.AddDays(25) }, "owner.demo");
        Assert.False(corrected.Created);
        Assert.Equal(2, corrected.Record.Version);
        var revision = Assert.Single(corrected.Corrections);
        Assert.Equal(Day0.AddDays(20), revision.Data.BidDeadline);
        Assert.Equal("wuchuan.officer", revision.SavedBy);
        Assert.Equal("owner.demo", revision.ReplacedBy);

        var repeated = await grain.SaveAsync(placement, Tender("x").Data with { BidDeadline = Day0.AddDays(25) }, "owner.demo");
        Assert.Equal(2, repeated.Record.Version);
        Assert.Single(repeated.Corrections);

        Assert.Equal([$"{project}-1"], await Grains.GetGrain<IProjectTendersGrain>(project).ListAsync());
        var (records, _) = await Grains.GetGrain<ICityTendersGrain>(scenario.City).ListAsync(null, project);
        Assert.Equal(Day0.AddDays(25), Assert.Single(records).Data.BidDeadline);
    }

    [Fact]
    public async Task BadInputIsRefusedNamingTheFieldAndChangesNothing()
    {
        var (_, project, placement) = await ProjectAsync();
        var grain = Grains.GetGrain<ITenderGrain>($"{project}-bad");
        var error = await Assert.ThrowsAsync<DomainException>(() => grain.SaveAsync(placement, Tender("x").Data with { Budget = 10_000_001m }, "t"));
        Assert.Equal("budget", error.Field);
        error = await Assert.ThrowsAsync<DomainException>(() => grain.SaveAsync(placement,
            Tender("x").Data with { Bidders = Bids(Bid("A", 1m), Bid("A", 2m)) }, "t"));
        Assert.Equal("bidders[1].id", error.Field);
        error = await Assert.ThrowsAsync<DomainException>(() => grain.SaveAsync(placement, Tender("x").Data with { WinnerId = "Z" }, "t"));
        Assert.Equal("winnerId", error.Field);
        await Assert.ThrowsAsync<DomainException>(() => grain.GetAsync());
    }

    [Fact]
    public async Task AlertsAreComputedFromTheCityProcessesReviewedAndNotDuplicatedByRecomputation()
    {
        var (scenario, project, placement) = await ProjectAsync();
        await Grains.GetGrain<ITenderGrain>($"{project}-w").SaveAsync(placement, Tender("x").Data with { BidDeadline = Day0.AddDays(15) }, "t");
        var integrity = Grains.GetGrain<IIntegrityGrain>(scenario.City);
        var (flags, _) = await integrity.GetFlagsAsync();
        var window = Assert.Single(flags, f => f.Indicator == "CN-window");
        Assert.Equal(scenario.Counties[0], window.CountyCode);
        Assert.Contains("第二十四条", window.Basis, StringComparison.Ordinal);

        var reviewed = await integrity.ReviewAsync(window.Id, ReviewOutcome.Confirmed, "已约谈招标人", "inspector.demo");
        Assert.Equal(FlagStatus.Confirmed, reviewed.Status);
        Assert.Equal("inspector.demo", Assert.Single(reviewed.Reviews).By);

        // New data elsewhere in the city: recomputed, but the reviewed alert is neither duplicated nor reopened.
        await Grains.GetGrain<ITenderGrain>($"{project}-clean").SaveAsync(placement, Tender("y").Data with { Title = "Clean" }, "t");
        var (after, _) = await integrity.GetFlagsAsync();
        var again = Assert.Single(after, f => f.Indicator == "CN-window");
        Assert.Equal(FlagStatus.Confirmed, again.Status);

        var error = await Assert.ThrowsAsync<DomainException>(() => integrity.ReviewAsync(window.Id, ReviewOutcome.Dismissed, " ", "inspector.demo"));
        Assert.Equal("note", error.Field);
    }

    [Fact]
    public async Task OcdsImportPlacesMatchingReleasesUnderTheirProjectAndKeepsTheRestUnderTheCity()
    {
        var (scenario, project, _) = await ProjectAsync();
        const string template = """{"ocid":"OCID","tender":{"title":"t","mainProcurementCategory":"goods","procurementMethod":"open","value":{"amount":1000000,"currency":"CNY"}},"planning":{"project":{"id":"PROJECT"}}}""";
        var body = string.Join('\n',
            template.Replace("OCID", $"ocds-{scenario.City}-1").Replace("PROJECT", project),
            "{oops",
            template.Replace("OCID", $"ocds-{scenario.City}-2").Replace("PROJECT", "NOT-A-PROJECT"));
        var importer = Grains.GetGrain<ITenderImportGrain>(scenario.City);
        var result = await importer.ImportOcdsAsync(body, "city.admin");
        Assert.Equal(2, result.Imported);
        Assert.Equal(2, Assert.Single(result.Rejected).Line);

        var (records, _) = await Grains.GetGrain<ICityTendersGrain>(scenario.City).ListAsync(null, null);
        Assert.Equal(project, records.Single(r => r.Data.Ocid!.EndsWith("-1", StringComparison.Ordinal)).Placement.ProjectCode);
        var loose = records.Single(r => r.Data.Ocid!.EndsWith("-2", StringComparison.Ordinal));
        Assert.Null(loose.Placement.ProjectCode);
        Assert.Null(loose.Placement.CountyCode);

        var again = await importer.ImportOcdsAsync(body.Replace("\"title\":\"t\"", "\"title\":\"t2\""), "city.admin");
        Assert.Equal(0, again.Imported);
        Assert.Equal(2, again.Updated);
    }
}
