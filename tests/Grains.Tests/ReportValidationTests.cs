using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ReportValidationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    public static TheoryData<int, int, decimal, decimal?, string> BadReports => new()
    {
        { 2023, 7, 10m, null, "month" },          // the clock says 2023-06-20: July is in the future
        { 2024, 1, 10m, null, "month" },
        { 2022, 12, 10m, null, "month" },         // before the project starts (2023-02-15)
        { 2023, 13, 10m, null, "month" },
        { 2023, 3, -1m, null, "investmentCompleted" },
        { 2023, 3, 10m, 100.5m, "progressPercent" },
        { 2023, 3, 10m, -3m, "progressPercent" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task BadReportIsRejectedNamingTheFieldAndChangesNothing(int year, int month, decimal amount, decimal? progress, string field)
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-BAD", s.Towns[0], start: new DateOnly(2023, 2, 15));
        await p.SubmitReportAsync(Scenario.Report(2023, 2, 5m), "test");
        var before = await p.GetAsync(PeriodQuery.Latest);

        var error = await Assert.ThrowsAsync<DomainException>(() => p.SubmitReportAsync(Scenario.Report(year, month, amount, progress), "test"));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal(field, error.Field);
        var after = await p.GetAsync(PeriodQuery.Latest);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Reports, after.Reports);
        var town = await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(new PeriodQuery(2023, 3));
        Assert.Equal(5m, town.Totals.CompletedYtd);
    }

    [Fact]
    public async Task ReportForAnUnregisteredProjectIsNotFound()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IProjectGrain>("T-NONE-9").SubmitReportAsync(Scenario.Report(2023, 1, 1m), "test"));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }
}
