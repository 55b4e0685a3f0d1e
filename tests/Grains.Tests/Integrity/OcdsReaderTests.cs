using Liandong.Grains.Tenders;
using Liandong.Tenders;

namespace Liandong.Grains.Tests.Integrity;

public sealed class OcdsReaderTests
{
    private const string Good =
        """{"ocid":"ocds-abc-001","tender":{"title":"道路改造","mainProcurementCategory":"works","procurementMethod":"open","value":{"amount":3900000,"currency":"CNY"},"tenderPeriod":{"startDate":"2023-03-01T09:00:00+08:00","endDate":"2023-03-16T09:00:00+08:00"},"procuringEntity":{"id":"PE-1"},"unknownField":[1,2,3]},"buyer":{"id":"BUY-1","name":"某局"},"parties":[{"id":"S1","name":"甲公司","contactPoint":{"telephone":"0759-1"}}],"bids":{"details":[{"id":"b1","status":"valid","value":{"amount":3800000,"currency":"CNY"},"tenderers":[{"id":"S1"}],"date":"2023-03-15T10:00:00+08:00"},{"id":"b2","status":"disqualified","value":{"amount":3700000,"currency":"CNY"},"tenderers":[{"id":"S2","name":"乙公司"}]},{"id":"b3","status":"invited","tenderers":[{"id":"S3"}]}]},"awards":[{"status":"active","date":"2023-03-20T00:00:00Z","suppliers":[{"id":"S1"}],"value":{"amount":3800000,"currency":"CNY"}}],"contracts":[{"dateSigned":"2023-04-01T00:00:00+08:00"}],"planning":{"project":{"id":"PRJ-1"}}}""";

    [Fact]
    public void AReleaseMapsToAProcessInWanYuanWithTheFieldsTheChecksNeed()
    {
        var (releases, errors) = OcdsReader.Read(Good);
        Assert.Empty(errors);
        var r = Assert.Single(releases);
        Assert.Equal("ocds-abc-001", r.Ocid);
        Assert.Equal("PRJ-1", r.ProjectHint);
        var t = r.Input;
        Assert.Equal(TenderKind.Works, t.Kind);
        Assert.Equal(TenderMethod.Open, t.Method);
        Assert.Equal(390m, t.Budget);
        Assert.Equal(new DateOnly(2023, 3, 1), t.DocumentsFrom);
        Assert.Equal(new DateOnly(2023, 3, 16), t.BidDeadline);
        Assert.Equal(2, t.Bidders.Length);   // the invited one did not bid
        Assert.Equal("甲公司", t.Bidders[0].Name);
        Assert.Equal("0759-1", t.Bidders[0].ContactPhone);
        Assert.Equal(BidStatus.Disqualified, t.Bidders[1].Status);
        Assert.Equal("S1", t.WinnerId);
        Assert.Equal(new DateOnly(2023, 3, 20), t.AwardDate);
        Assert.Equal(new DateOnly(2023, 4, 1), t.ContractDate);
        Assert.Equal("BUY-1", t.BuyerId);
        Assert.Equal("PE-1", t.ProcuringEntityId);
    }

    [Fact]
    public void MalformedLinesAreReportedWithTheirNumberAndTheRestAreRead()
    {
        var body = string.Join('\n',
            Good,
            "{not json",
            """{"tender":{"mainProcurementCategory":"works","procurementMethod":"open"}}""",
            "",
            """{"ocid":"x2","tender":{"mainProcurementCategory":"works","procurementMethod":"open","value":{"amount":5,"currency":"USD"}}}""",
            """{"ocid":"x3","tender":{"mainProcurementCategory":"roads","procurementMethod":"open"}}""",
            "[1,2]",
            Good.Replace("ocds-abc-001", "ocds-abc-002"));
        var (releases, errors) = OcdsReader.Read(body);
        Assert.Equal(["ocds-abc-001", "ocds-abc-002"], releases.Select(r => r.Ocid));
        Assert.Equal([8, 1], releases.Select(r => r.Line).Reverse());
        Assert.Equal([2, 3, 5, 6, 7], errors.Select(e => e.Line));
        Assert.StartsWith("Not JSON", errors[0].Error, StringComparison.Ordinal);
        Assert.Contains("ocid", errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("not CNY", errors[2].Error, StringComparison.Ordinal);
        Assert.Contains("roads", errors[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AReleasePackageIsReadReleaseByRelease()
    {
        var package = $$"""
            {
              "uri": "https://example.org/package.json",
              "version": "1.1",
              "releases": [
                {{Good}},
                {"ocid": "bad"}
              ]
            }
            """;
        var (releases, errors) = OcdsReader.Read(package);
        Assert.Single(releases);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void AnAmountAboveTheBoundIsRefusedNamingTheField()
    {
        var (_, errors) = OcdsReader.Read(Good.Replace("\"amount\":3900000", "\"amount\":1e12"));
        Assert.Contains("budget", Assert.Single(errors).Error, StringComparison.Ordinal);
    }
}
