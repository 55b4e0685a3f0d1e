using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Silo.Demo;

/// <summary>
/// The government–bank–enterprise part of the demo story (政银企协同, 要素供给): banks of Zhanjiang and
/// Wuchuan, owner enterprises of several Wuchuan projects, financing requests in every status, and the
/// land, power, water, approval and labour needs the projects wait for. Every bank branch, enterprise,
/// credit code, amount and date here is invented and marked 演示; the credit codes are computed so that
/// their check characters are right, and belong to no real enterprise.
/// </summary>
public sealed class FinanceDemo(ILogger<FinanceDemo> logger) : IDemoPart
{
    private const string City = "440800";
    private const string Wuchuan = "440883";

    // Wuchuan projects of projects-2023.json.
    private const string ParkInfrastructure = "2021-440883-48-01-165184";   // 湛江产业转移工业园吴川园区基础设施（一期）
    private const string ParkFactories = "2022-440883-47-01-219451";        // 产业转移工业园吴川园区标准厂房（二期）
    private const string ShoeDigital = "2021-440883-19-03-004374";          // 吴川塑料鞋数字化改造项目（智能生产线）
    private const string ShoePark = "2022-440883-19-03-045729";             // 吴川鞋业智能制造产业园
    private const string DownWorkshop = "2022-440883-19-03-297881";         // 羽绒制品精深加工及数字化车间
    private const string GrilledFishPark = "2022-440883-13-03-079732";      // 吴川烤鱼产业园
    private const string GrilledFishKitchen = "2022-440883-14-03-247537";   // 吴川烤鱼预制菜中央厨房及冷链物流中心
    private const string Jizhao = "2021-440883-78-03-037664";               // 吉兆湾滨海旅游度假区（一期）
    private const string AirportAvenue = "2022-440883-48-01-397770";        // 空港大道（机场至吴川城区快速通道）

    private const string County = "吴川市金融工作局（演示）";
    private const string Bank = "银行客户经理（演示）";
    private const string Owner = "企业财务负责人（演示）";

    public int Order => 200;

    public async Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        foreach (var (code, name) in new[]
                 {
                     ("icbc-zhanjiang", "中国工商银行湛江分行（演示）"),
                     ("ccb-zhanjiang", "中国建设银行湛江分行（演示）"),
                     ("boc-zhanjiang", "中国银行湛江分行（演示）"),
                     ("abc-wuchuan", "中国农业银行吴川支行（演示）"),
                     ("wuchuan-rcb", "广东吴川农村商业银行（演示）"),
                 })
        {
            await grains.GetGrain<IBankGrain>(code).RegisterAsync(name, City, "demo");
        }

        var park = await EnterpriseAsync(grains, "MA4W7R2K", "吴川市产业转移园开发建设有限公司（演示）");
        var shoes = await EnterpriseAsync(grains, "MA51C3HE", "广东吴川鞋业智造有限公司（演示）");
        var down = await EnterpriseAsync(grains, "MA3NQ8TD", "吴川市羽绒制品科技有限公司（演示）");
        var fish = await EnterpriseAsync(grains, "MA5H6UY0", "吴川烤鱼食品产业发展有限公司（演示）");
        var tourism = await EnterpriseAsync(grains, "MA2XK9PB", "吴川吉兆湾文化旅游发展有限公司（演示）");

        foreach (var (project, owner) in new[]
                 {
                     (ParkInfrastructure, park), (ParkFactories, park), (ShoeDigital, shoes), (ShoePark, shoes),
                     (DownWorkshop, down), (GrilledFishPark, fish), (GrilledFishKitchen, fish), (Jizhao, tourism),
                 })
        {
            await grains.GetGrain<IProjectGrain>(project).SetOwnerAsync(owner, "吴川市发展和改革局（演示）");
        }

        // Disbursed in two parts, after two banks offered.
        var infrastructure = await SubmitAsync(grains, "FR-2023-WC-001", ParkInfrastructure, park, 8000m, "园区基础设施（一期）道路管网项目贷款", 120);
        await infrastructure.RecommendAsync(["icbc-zhanjiang", "ccb-zhanjiang"], "市重点项目，请优先对接（演示）", County);
        await infrastructure.OfferAsync(new OfferInput("icbc-zhanjiang", 8000m, 3.45m, 120), Bank);
        await infrastructure.OfferAsync(new OfferInput("ccb-zhanjiang", 6000m, 3.30m, 96), Bank);
        await infrastructure.AcceptAsync("O1", Owner);
        await infrastructure.DisburseAsync(new DisbursementInput(3000m, new DateOnly(2023, 5, 18)), Bank);
        await infrastructure.DisburseAsync(new DisbursementInput(5000m, new DateOnly(2023, 6, 15)), Bank);

        // Disbursed in one part.
        var digital = await SubmitAsync(grains, "FR-2023-WC-002", ShoeDigital, shoes, 1500m, "智能生产线设备购置", 36);
        await digital.RecommendAsync(["abc-wuchuan"], null, County);
        await digital.OfferAsync(new OfferInput("abc-wuchuan", 1500m, 3.65m, 36), Bank);
        await digital.AcceptAsync("O1", Owner);
        await digital.DisburseAsync(new DisbursementInput(1500m, new DateOnly(2023, 6, 2)), Bank);

        // Accepted, first part paid; the bank that had not answered is closed.
        var shoePark = await SubmitAsync(grains, "FR-2023-WC-003", ShoePark, shoes, 15000m, "鞋业智能制造产业园厂房及配套建设", 60);
        await shoePark.RecommendAsync(["abc-wuchuan", "wuchuan-rcb", "icbc-zhanjiang"], "塑料鞋数字化升级重点企业（演示）", County);
        await shoePark.OfferAsync(new OfferInput("abc-wuchuan", 10000m, 3.65m, 60), Bank);
        await shoePark.OfferAsync(new OfferInput("wuchuan-rcb", 12000m, 4.05m, 60), Bank);
        await shoePark.AcceptAsync("O2", Owner);
        await shoePark.DisburseAsync(new DisbursementInput(4000m, new DateOnly(2023, 6, 12)), Bank);

        // Offered, a second bank still to answer.
        var workshop = await SubmitAsync(grains, "FR-2023-WC-004", DownWorkshop, down, 3000m, "羽绒数字化车间改造流动资金", 36);
        await workshop.RecommendAsync(["wuchuan-rcb", "abc-wuchuan"], null, County);
        await workshop.OfferAsync(new OfferInput("wuchuan-rcb", 3000m, 3.95m, 36), Bank);

        // Recommended, waiting for the bank.
        var kitchen = await SubmitAsync(grains, "FR-2023-WC-005", GrilledFishKitchen, fish, 5000m, "预制菜中央厨房及冷链物流中心建设", 60);
        await kitchen.RecommendAsync(["ccb-zhanjiang"], "吴川烤鱼产业链项目（演示）", County);

        // Submitted, waiting for the county.
        await SubmitAsync(grains, "FR-2023-WC-006", ParkFactories, park, 6000m, "标准厂房（二期）建设项目贷款", 120);

        // Declined by every bank it was sent to: the county has to find another.
        var jizhao = await SubmitAsync(grains, "FR-2023-WC-007", Jizhao, tourism, 20000m, "度假区一期配套设施建设", 120);
        await jizhao.RecommendAsync(["icbc-zhanjiang", "boc-zhanjiang"], null, County);
        await jizhao.DeclineAsync("icbc-zhanjiang", "抵押物不足，建议补充担保（演示）", Bank);
        await jizhao.DeclineAsync("boc-zhanjiang", "超出本行文旅行业授信限额（演示）", Bank);

        // Factor needs (要素): land at the industrial transfer park, power for the shoe plant (overdue: the
        // project's May light turns red), water, an approval, labour, and one already met.
        var parkFactories = grains.GetGrain<IProjectGrain>(ParkFactories);
        var land = await parkFactories.AddFactorNeedAsync(new FactorNeedInput(FactorKind.Land, "标准厂房二期用地报批（农用地转用）", 120m, "亩",
            "440800-zrzyj", new DateOnly(2023, 8, 31)), "吴川市发展和改革局（演示）");
        await parkFactories.UpdateFactorNeedAsync(land.Id, new FactorUpdate(FactorStatus.InProgress, "已上报省自然资源厅（演示）"), "市自然资源局（演示）");
        await grains.GetGrain<IProjectGrain>(ParkInfrastructure).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Land,
            "园区污水处理厂及配套道路用地征收", 60m, "亩", "440800-zrzyj", new DateOnly(2023, 9, 30)), "吴川市发展和改革局（演示）");
        var shoePower = await grains.GetGrain<IProjectGrain>(ShoePark).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Energy,
            "厂区10千伏双回路专线接电", 8000m, "千伏安", "440800-gdj", new DateOnly(2023, 5, 20)), "吴川市发展和改革局（演示）");
        await grains.GetGrain<IProjectGrain>(ShoePark).UpdateFactorNeedAsync(shoePower.Id,
            new FactorUpdate(FactorStatus.InProgress, "线路路径待规划许可（演示）"), "供电局（演示）");
        await grains.GetGrain<IProjectGrain>(GrilledFishKitchen).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Water,
            "日供水2000吨管网接驳", 2000m, "吨/日", "440800-swj", new DateOnly(2023, 7, 31)), "吴川市发展和改革局（演示）");
        await grains.GetGrain<IProjectGrain>(AirportAvenue).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Approval,
            "跨鉴江段施工许可", null, null, "440800-zjj", new DateOnly(2023, 7, 15)), "吴川市发展和改革局（演示）");
        await grains.GetGrain<IProjectGrain>(DownWorkshop).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Labor,
            "数字化车间技术工人", 80m, "人", "440800-rsj", new DateOnly(2023, 9, 30)), "吴川市发展和改革局（演示）");
        var sea = await grains.GetGrain<IProjectGrain>(Jizhao).AddFactorNeedAsync(new FactorNeedInput(FactorKind.Approval,
            "海域使用权审批", 35m, "公顷", "440800-zrzyj", new DateOnly(2023, 4, 30)), "吴川市发展和改革局（演示）");
        await grains.GetGrain<IProjectGrain>(Jizhao).UpdateFactorNeedAsync(sea.Id,
            new FactorUpdate(FactorStatus.Met, "批复已下达（演示）", new DateOnly(2023, 4, 25)), "市自然资源局（演示）");

        logger.LogWarning("Demo financing loaded: 5 banks, 5 enterprises, 7 financing requests, 7 factor needs (演示数据)");
    }

    /// <summary>An invented enterprise registered in Wuchuan (market regulation 9, company 1), its check characters computed.</summary>
    private static async Task<string> EnterpriseAsync(IGrainFactory grains, string organizationBody, string name)
    {
        var code = CreditCodes.Complete("91" + Wuchuan + organizationBody + CreditCodes.OrganizationCheckCharacter(organizationBody));
        await grains.GetGrain<IEnterpriseGrain>(code).RegisterAsync(name, Wuchuan, "demo");
        return code;
    }

    private static async Task<IFinancingRequestGrain> SubmitAsync(IGrainFactory grains, string id, string project, string owner,
        decimal amount, string purpose, int termMonths)
    {
        var request = grains.GetGrain<IFinancingRequestGrain>(id);
        await request.SubmitAsync(new FinancingSubmission(project, owner, amount, purpose, termMonths), Owner);
        return request;
    }
}
