using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Tenders;

namespace Liandong.Silo.Demo;

/// <summary>
/// The tender-supervision part of the demo (招投标专项整治): procurement processes of Wuchuan's key projects,
/// most of them clean — so that the statistical red flags have enough processes to compute their fences —
/// and a few that trip the checks: a 15-day bid window, a tender opened with two bidders, two bidders
/// sharing a phone, three works contracts of 390 万元 on one project, one supplier winning five processes of
/// one buyer. Every firm, person, phone, credit code, price and date is invented (演示数据); the credit codes
/// are computed so that their check characters are right and belong to no real enterprise.
/// </summary>
public sealed class TenderDemo(ILogger<TenderDemo> logger) : IDemoPart
{
    private const string City = "440800";
    private const string Wuchuan = "440883";
    private const string Officer = "wuchuan.officer";

    // Processes that trip the checks; tests and docs/portal.md name them.
    public const string ShortWindow = "WC-T-101";        // 空港大道: 15 days from documents to deadline (CN-window)
    public const string TwoBidders = "WC-T-102";         // 第一中学新校区: opened and awarded with two bidders (CN-bidders)
    public const string SharedPhone = "WC-T-103";        // 防洪治理: two bidders with one phone (CN-related)
    public const string SplitPrefix = "WC-T-11";         // 海滨新区路网: WC-T-111..113, three works of 390 万元 (CN-split)
    public const string SerialPrefix = "WC-T-12";        // 园区基础设施: WC-T-121..125 won by one supplier (CN-serialWinner)

    private const string AirportAvenue = "2022-440883-48-01-397770";
    private const string FirstMiddleSchool = "2021-440883-83-01-136757";
    private const string FloodControl = "2021-440883-76-01-016655";
    private const string CoastalRoads = "2021-440883-48-01-321495";
    private const string ParkInfrastructure = "2021-440883-48-01-165184";

    /// <summary>Projects that carry only clean processes.</summary>
    private static readonly string[] CleanProjects =
    [
        "2023-440883-48-01-000123", "2021-440883-48-01-299737", "2022-440883-44-02-035746", "2022-440883-48-01-348756",
        "2023-440883-48-02-221644", "2021-440883-19-03-175354", "2021-440883-13-03-222409", "2022-440883-78-01-369243",
        "2021-440883-84-01-355249", "2022-440883-47-01-241292",
    ];

    private static readonly string[] Firms =
    [
        "湛江市粤西路桥建设有限公司", "吴川市鉴江建筑工程有限公司", "广东南海湾建设集团有限公司", "湛江市港城市政工程有限公司",
        "茂名市恒达建设工程有限公司", "广东粤湛水利水电工程有限公司", "湛江市海湾设备安装有限公司", "吴川市兴华建材贸易有限公司",
        "广东中南工程咨询有限公司", "湛江市城建监理有限公司", "阳江市永安建设有限公司", "广东华粤电力工程有限公司",
    ];

    /// <summary>The supplier that wins five of the park's processes.</summary>
    private static readonly Bidder SerialSupplier = Firm(90, "湛江市鼎晟建设工程有限公司");

    public int Order => 300;

    public async Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var pool = Firms.Select((name, i) => Firm(i + 1, name)).ToArray();
        var count = 0;

        for (var i = 0; i < 24; i++)
        {
            var project = CleanProjects[i % CleanProjects.Length];
            var bidders = Enumerable.Range(0, 3 + i % 3).Select(k => pool[(i * 5 + k * 7) % pool.Length]).ToList();
            var kind = (TenderKind)(i % 3);
            await SaveAsync(grains, $"WC-T-{i + 1:D3}", project, Clean(i, kind, bidders, $"{Title(kind)}（第{i + 1}批）"));
            count++;
        }

        // A 15-day window: documents from 1 March, deadline 16 March (招标投标法 Art. 24 asks for 20).
        await SaveAsync(grains, ShortWindow, AirportAvenue, Clean(30, TenderKind.Works, [pool[0], pool[3], pool[6]], "空港大道二标段路基工程") with
        {
            NoticeDate = new DateOnly(2023, 2, 28), DocumentsFrom = new DateOnly(2023, 3, 1), DocumentsTo = new DateOnly(2023, 3, 6), BidDeadline = new DateOnly(2023, 3, 16),
            AwardDate = new DateOnly(2023, 3, 22), ContractDate = new DateOnly(2023, 4, 3),
        });

        // Opened and awarded with two bidders (Art. 28: fewer than three means tendering again).
        await SaveAsync(grains, TwoBidders, FirstMiddleSchool, Clean(31, TenderKind.Goods, [pool[7], pool[1]], "第一中学新校区教学设备采购"));

        // Two bidders with one contact phone (实施条例 Art. 40).
        var shared = "0759-5321888";
        await SaveAsync(grains, SharedPhone, FloodControl, Clean(32, TenderKind.Works,
            [pool[5] with { ContactPhone = shared }, pool[10] with { ContactPhone = "0759 532 1888" }, pool[2]], "鉴江吴川段堤防加固三标段"));

        // Three works contracts of 390 万元 on one project, negotiated: together 1,170 万元, above 400 (NDRC Order No. 16).
        for (var k = 1; k <= 3; k++)
        {
            var negotiated = Clean(40 + k, TenderKind.Works, [pool[(k * 4) % pool.Length], pool[(k * 4 + 1) % pool.Length]], $"海滨新区路网配套工程（{k}）") with
            {
                Method = TenderMethod.Negotiation, Budget = 395m, AwardPrice = 390m,
            };
            negotiated = negotiated with { Bidders = [negotiated.Bidders[0] with { Price = 390m }, negotiated.Bidders[1] with { Price = 393.5m }] };
            await SaveAsync(grains, $"{SplitPrefix}{k}", CoastalRoads, negotiated);
        }

        // One supplier wins five of the park enterprise's processes within a year.
        for (var k = 1; k <= 5; k++)
        {
            var process = Clean(50 + k * 2, TenderKind.Works, [SerialSupplier, pool[(k + 2) % pool.Length], pool[(k + 8) % pool.Length]], $"园区基础设施配套工程第{k}标段") with
            {
                BuyerId = UsersDemo.ParkEnterprise, BuyerName = "吴川市产业转移园开发建设有限公司（演示）",
            };
            await SaveAsync(grains, $"{SerialPrefix}{k}", ParkInfrastructure, process);
        }

        count += 1 + 1 + 1 + 3 + 5;
        logger.LogInformation("Demo tender processes loaded: {Count} in Wuchuan (演示数据)", count);
    }

    private static Task<TenderView> SaveAsync(IGrainFactory grains, string id, string project, TenderInput input) =>
        grains.GetGrain<ITenderGrain>(id).SaveAsync(new TenderPlacement(project, Wuchuan, City, TenderSource.Entered), input, Officer);

    /// <summary>A process that keeps every rule: windows of 21–26 days, documents on sale 6–8 days, bonds within limits, the lowest valid bid wins.</summary>
    private static TenderInput Clean(int i, TenderKind kind, IReadOnlyList<Bidder> bidders, string title)
    {
        var notice = new DateOnly(2022, 3, 1).AddDays(i * 6);
        var from = notice.AddDays(1);
        var deadline = from.AddDays(21 + i % 6);
        var budget = 500m + i * 137 % 900;
        var winning = Math.Round(budget * (0.88m + i % 5 * 0.01m), 2);
        var step = 0.03m + i % 7 * 0.012m;
        var received = new DateTimeOffset(deadline.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var priced = bidders.Select((b, k) => b with
        {
            Price = k == 0 ? winning : Math.Round(winning * (1 + step + (k - 1) * 0.035m), 2),
            Status = BidStatus.Valid,
            ReceivedAt = received.AddMinutes(k * 37),
        }).ToImmutableArray();
        var award = deadline.AddDays(7);
        return new TenderInput(
            Ocid: null, "【演示】" + title, kind, TenderMethod.Open, budget, StateFunded: true,
            notice, from, from.AddDays(5 + i % 3), deadline, BidBondPercent: i % 2 == 0 ? 2m : 1.5m,
            priced, award, priced[0].Id, winning, award.AddDays(15), PerformanceBondPercent: 10m - i % 3 * 2.5m,
            BuyerId: null, BuyerName: null, ProcuringEntityId: null);
    }

    private static string Title(TenderKind kind) => kind switch
    {
        TenderKind.Works => "施工总承包",
        TenderKind.Goods => "设备材料采购",
        _ => "勘察设计监理服务",
    };

    /// <summary>An invented firm of Wuchuan with a credit code whose check characters are right.</summary>
    private static Bidder Firm(int n, string name)
    {
        var body = $"MA6{n:D2}WX{n % 10}";
        var code = CreditCodes.Complete("91" + "440883" + body + CreditCodes.OrganizationCheckCharacter(body));
        return new Bidder(code, name + "（演示）", $"法定代表人{n:D2}（演示）", $"0759-55{n:D2}{n * 37 % 100:D2}0", $"吴川市演示路{n}号", $"4400-0000-{n:D4}", null, BidStatus.Valid, null);
    }
}
