using System.Collections.Immutable;
using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Silo.Demo;

/// <summary>
/// The investment-promotion part of the demo story (招商引资): Wuchuan's (吴川市 440883) pipeline across the industry
/// chains the seed names — plastic shoes, down, food, the grilled-fish industry, tourism, the airport economic zone —
/// with leads in every stage, several brought by 乡贤 and a chamber of commerce, two past a deadline, and one converted
/// into a project. Every investor, referrer, amount and date is invented and marked 演示数据.
/// </summary>
public sealed class PromotionDemo(ILogger<PromotionDemo> logger) : IDemoPart
{
    private const string City = "440800";
    private const string Wuchuan = "440883";
    private const string Actor = "吴川市投资促进局（演示）";

    public const string ChenXiangxian = "440800-wuchuan-chen";
    public const string LiXiangxian = "440800-wuchuan-li";
    public const string ShenzhenChamber = "440800-sz-wuchuan-chamber";

    /// <summary>Leads the tests name: started; producing and converted; negotiating and overdue; contact and overdue.</summary>
    public const string ShoeFactory = "ZS440883-20230210-DEMO01";
    public const string DownBase = "ZS440883-20230112-DEMO02";
    public const string JizhaoCamp = "ZS440883-20230508-DEMO05";
    public const string AirFreight = "ZS440883-20230605-DEMO06";

    /// <summary>The project the down lead became, in 塘㙍镇.</summary>
    public const string DownProject = "2023-440883-19-03-900102";

    public const string DownTown = "440883107";

    /// <summary>吴川鞋业智能制造产业园, which applies to the provincial list with its land not secured.</summary>
    public const string ShoePark = "2022-440883-19-03-045729";

    public static readonly string DownListApplication = ListApplicationIds.Of(KeyList.City, 2023, DownProject);

    public static readonly string ShoeParkApplication = ListApplicationIds.Of(KeyList.Provincial, 2023, ShoePark);

    public int Order => 300;

    public async Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IReferrerGrain>(ChenXiangxian).RegisterAsync("陈先生（乡贤，演示）", ReferrerKind.Xiangxian, City, "440883107", null, Actor);
        await grains.GetGrain<IReferrerGrain>(LiXiangxian).RegisterAsync("李女士（乡贤，演示）", ReferrerKind.Xiangxian, City, "440883101", null, Actor);
        await grains.GetGrain<IReferrerGrain>(ShenzhenChamber).RegisterAsync("深圳市吴川商会（演示）", ReferrerKind.Chamber, City, null, null, Actor);

        // Plastic shoes through a 乡贤: signed, registered, started with part of the funds in.
        var shoes = await LeadAsync(grains, ShoeFactory, "年产800万双EVA环保鞋智能工厂项目（演示）", "广东某鞋材科技有限公司（演示）", "塑料鞋", 35_000m,
            LeadChannel.Xiangxian, ChenXiangxian, null, new(2023, 2, 10));
        await shoes.FollowUpAsync(FollowUpKind.Feedback, new(2023, 2, 14), "已向陈先生反馈对接情况（演示）", Actor);
        await MoveAsync(shoes, (LeadStage.Negotiating, new(2023, 2, 20), null, null), (LeadStage.Signed, new(2023, 3, 28), 33_000m, null),
            (LeadStage.Registered, new(2023, 4, 20), null, null), (LeadStage.Started, new(2023, 5, 18), null, 6_000m));

        // Down through the chamber of commerce: all the way to production, and converted into a project.
        var down = await LeadAsync(grains, DownBase, "羽绒精深加工及高端羽绒服生产基地（演示）", "某某羽绒集团有限公司（演示）", "羽绒", 60_000m,
            LeadChannel.Stationed, ShenzhenChamber, "440800-cwfsz", new(2023, 1, 12));
        await down.FollowUpAsync(FollowUpKind.Feedback, new(2023, 1, 16), "已向商会通报洽谈进展（演示）", Actor);
        await MoveAsync(down, (LeadStage.Negotiating, new(2023, 1, 16), null, null), (LeadStage.Signed, new(2023, 2, 25), 58_000m, null),
            (LeadStage.Registered, new(2023, 3, 20), null, null));
        await down.ConvertAsync(new LeadConversion(DownTown, DownProject, true, ProjectCategory.Industry, ProjectStage.NewStart, 58_000m,
            [new AnnualPlan(2023, 20_000m)], new DateOnly(2023, 4, 10)), Actor);
        await MoveAsync(down, (LeadStage.Started, new(2023, 4, 10), null, 12_000m), (LeadStage.Producing, new(2023, 6, 1), null, 30_000m));

        // Food by industry chain: registered, waiting to start.
        var food = await LeadAsync(grains, "ZS440883-20230305-DEMO03", "吴川月饼及休闲食品智能化生产项目（演示）", "某食品股份有限公司（演示）", "食品", 12_000m,
            LeadChannel.IndustryChain, null, "440800-cwfsz", new(2023, 3, 5));
        await MoveAsync(food, (LeadStage.Negotiating, new(2023, 3, 8), null, null), (LeadStage.Signed, new(2023, 4, 26), 12_000m, null),
            (LeadStage.Registered, new(2023, 5, 22), null, null));

        // The grilled-fish industry through a 乡贤: signed.
        var fish = await LeadAsync(grains, "ZS440883-20230403-DEMO04", "吴川烤鱼预制菜及调味料生产项目（演示）", "某某餐饮管理有限公司（演示）", "烤鱼产业", 18_000m,
            LeadChannel.Xiangxian, LiXiangxian, null, new(2023, 4, 3));
        await fish.FollowUpAsync(FollowUpKind.Feedback, new(2023, 4, 7), "已向李女士反馈（演示）", Actor);
        await MoveAsync(fish, (LeadStage.Negotiating, new(2023, 4, 6), null, null), (LeadStage.Signed, new(2023, 5, 30), 16_000m, null));

        // Tourism from a fair: negotiating, its progress report overdue.
        var camp = await LeadAsync(grains, JizhaoCamp, "吉兆湾海上运动及露营基地项目（演示）", "某文旅投资有限公司（演示）", "文旅", 25_000m,
            LeadChannel.Fair, null, "440800-zxzx", new(2023, 5, 8));
        await MoveAsync(camp, (LeadStage.Negotiating, new(2023, 5, 12), null, null));
        await camp.FollowUpAsync(FollowUpKind.Progress, new(2023, 5, 26), "第二轮洽谈，待确定用海方案（演示）", Actor);

        // The airport economic zone by a stationed team: answered, not yet assessed — overdue.
        var freight = await LeadAsync(grains, AirFreight, "空港经济区航空物流分拨中心项目（演示）", "某某供应链管理有限公司（演示）", "空港经济区", 90_000m,
            LeadChannel.Stationed, null, "440800-swsj", new(2023, 6, 5));
        await freight.FollowUpAsync(FollowUpKind.Response, new(2023, 6, 5), "已与投资方电话对接（演示）", Actor);

        // A dropped plastic-shoe lead, and a fresh down lead from the chamber with every deadline met.
        var live = await LeadAsync(grains, "ZS440883-20230315-DEMO07", "鞋业跨境电商直播基地（演示）", "某电子商务有限公司（演示）", "塑料鞋", 3_000m,
            LeadChannel.Online, null, null, new(2023, 3, 15));
        await live.FollowUpAsync(FollowUpKind.Response, new(2023, 3, 15), "已回复（演示）", Actor);
        await live.MoveAsync(new StageMove(LeadStage.Dropped, new(2023, 4, 10), "投资方转投外省园区（演示）", null, null, null), Actor);
        var design = await LeadAsync(grains, "ZS440883-20230606-DEMO08", "羽绒服装设计研发中心（演示）", "某服饰设计有限公司（演示）", "羽绒", 5_000m,
            LeadChannel.Xiangxian, ShenzhenChamber, null, new(2023, 6, 6));
        await design.FollowUpAsync(FollowUpKind.Response, new(2023, 6, 6), "已回复（演示）", Actor);
        await design.FollowUpAsync(FollowUpKind.Assessment, new(2023, 6, 8), "符合羽绒产业链补链方向（演示）", Actor);
        await design.FollowUpAsync(FollowUpKind.Feedback, new(2023, 6, 9), "已向商会反馈（演示）", Actor);

        await KeyListsAsync(grains);

        // The city adopts the published rules as its own first version (who and when kept): what the portal's rules form shows.
        await grains.GetGrain<IPromotionRulesGrain>(City).SetAsync(PromotionRules.Default, "市重点项目办（演示）");
        logger.LogInformation("Demo: Wuchuan's investment-promotion pipeline and key-list applications loaded (演示数据)");
    }

    /// <summary>The converted down project, included in the city list; the shoe park's provincial application, its land not secured.</summary>
    private static async Task KeyListsAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IProjectGrain>(DownProject).SetPreparationAsync(
            new PreparationRecord(null, ApprovalKind.Filed, true, true, 20_000m, new DateOnly(2023, 4, 10)), Actor);
        var city = grains.GetGrain<IListApplicationGrain>(DownListApplication);
        await city.CreateAsync(DownProject, KeyList.City, 2023, KeyListKind.NewStart, Actor);
        await city.SubmitAsync(Actor);
        await city.DecideAsync(true, new DateOnly(2023, 6, 15), "列入2023年市重点项目（演示）", "市重点项目办（演示）");

        await grains.GetGrain<IProjectGrain>(ShoePark).SetPreparationAsync(
            new PreparationRecord(null, ApprovalKind.Filed, false, true, 60_000m, null), Actor);
        await grains.GetGrain<IListApplicationGrain>(ShoeParkApplication).CreateAsync(ShoePark, KeyList.Provincial, 2023, KeyListKind.Continuing, Actor);
    }

    private static async Task<ILeadGrain> LeadAsync(IGrainFactory grains, string id, string name, string investor, string chain, decimal planned,
        LeadChannel channel, string? referrer, string? leader, DateOnly received)
    {
        var lead = grains.GetGrain<ILeadGrain>(id);
        await lead.CreateAsync(new LeadDraft(Wuchuan, name, investor, chain, planned, channel, referrer, leader, received,
            Math.Round(planned * 0.8m), Math.Round(planned / 300m), null, Math.Round(planned * 1.5m), Math.Round(planned * 0.05m)), Actor);
        return lead;
    }

    private static async Task MoveAsync(ILeadGrain lead, params (LeadStage Stage, DateOnly Date, decimal? Signed, decimal? Funds)[] moves)
    {
        foreach (var (stage, date, signed, funds) in moves)
        {
            await lead.MoveAsync(new StageMove(stage, date, null, signed, null, funds), Actor);
        }
    }
}
