using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Silo.Demo;

/// <summary>
/// The coordination part of the demo story (DESIGN.md "The situation it serves"): the city departments, the leaders
/// of the four leading bodies linked to Wuchuan's main projects, the party secretary's visit to the airport economic
/// zone start-up area, the on-site office meeting of 8 June 2023 at Wuchuan with its January–May report frozen and
/// ten matters answered item by item, and the city's 百县千镇万村 directive split among Wuchuan's towns.
/// </summary>
/// <remarks>
/// The demo runs on the real clock, long after the story's due dates. What it leaves is what the story says: five
/// matters resolved, four answered and waiting for Wuchuan's confirmation (an answered matter neither counts as
/// overdue nor escalates: docs/coordination.md), and exactly one — the land acquisition on the 长岐 section of
/// 空港大道, raised by 长岐镇 to 吴川市 and still waiting for 市自然资源局 — overdue and escalated to the city.
/// Every name of a person is a title; every figure and answer is invented.
/// </remarks>
public sealed class CoordinationDemo(ILogger<CoordinationDemo> logger) : IDemoPart
{
    private const string City = DemoScenario.CityCode;
    private const string Wuchuan = "440883";
    private const string Changqi = "440883101";
    private const string AirportZone = "2023-440883-48-01-000123";

    public int Order => 100;

    public async Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        await DepartmentsAsync(grains);
        await LeadersAsync(grains);
        var visit = await VisitAsync(grains);
        await WaitForWuchuanReportAsync(grains, cancellationToken);
        var meeting = await MeetingAsync(grains);
        await MattersAsync(grains, meeting, visit);
        await DirectiveAsync(grains);
        logger.LogInformation("Coordination demo loaded: meeting {Meeting}, visit {Visit}", meeting, visit);
    }

    private static string As(string who) => who + "（演示）";

    private static async Task DepartmentsAsync(IGrainFactory grains)
    {
        (string Slug, string Name)[] departments =
        [
            ("fgj", "市发展和改革局"),
            ("zrzyj", "市自然资源局"),
            ("sthjj", "市生态环境局"),
            ("zjj", "市住房和城乡建设局"),
            ("jtysj", "市交通运输局"),
            ("swj", "市水务局"),
            ("jrj", "市金融工作局"),
            ("gxj", "市工业和信息化局"),
            ("nyncj", "市农业农村局"),
            ("gdj", "湛江供电局"),
        ];
        foreach (var (slug, name) in departments)
        {
            await grains.GetGrain<IDepartmentGrain>($"{City}-{slug}").RegisterAsync(name, City, As("市政府办公室"));
        }
    }

    private static async Task LeadersAsync(IGrainFactory grains)
    {
        (string Id, string Title, LeadingBody Body, string[] Projects)[] leaders =
        [
            ("440800-swsj", "市委书记", LeadingBody.PartyCommittee, [AirportZone, "2021-440883-48-01-165184"]),
            ("440800-sz", "市长", LeadingBody.Government, ["2022-440883-48-01-397770", "2022-440883-48-01-348756"]),
            ("440800-rdzr", "市人大常委会主任", LeadingBody.PeoplesCongress, ["2021-440883-76-01-016655", "2021-440883-84-01-355249"]),
            ("440800-zxzx", "市政协主席", LeadingBody.Cppcc, ["2022-440883-13-03-079732", "2021-440883-78-03-037664"]),
            ("440800-swfsj", "市委副书记", LeadingBody.PartyCommittee, ["2022-440883-78-01-369753", "2021-440883-48-01-043383"]),
            ("440800-cwfsz", "常务副市长", LeadingBody.Government, ["2022-440883-44-02-035746", "2022-440883-19-03-045729"]),
        ];
        foreach (var (id, title, body, projects) in leaders)
        {
            await grains.GetGrain<ILeaderGrain>(id).RegisterAsync(title, body, City, As("市委办公室"));
            foreach (var code in projects)
            {
                await grains.GetGrain<IProjectCoordinationGrain>(code).SetLeaderAsync(id, As("市重点项目办"));
            }
        }
    }

    private static async Task<string> VisitAsync(IGrainFactory grains)
    {
        var id = CoordinationIds.New(CoordinationIds.Visit);
        await grains.GetGrain<IVisitGrain>(id).RecordAsync(new VisitDraft("440800-swsj", new DateOnly(2023, 6, 8),
            [AirportZone, "2021-440883-48-01-299737", "2022-440883-44-02-035746"],
            "实地察看湛江空港经济区起步区、湛江吴川机场进场路扩建工程和空港经济区220千伏输变电工程。起步区场地平整和市政道路管网施工有序推进，" +
            "但起步区路网与空港大道、沈海高速的衔接尚未打通，部分地块用地报批滞后，电力配套需与首批企业投产时序衔接。" +
            "要求吴川市会同市直有关部门加快推进，实现机场、高铁、高速公路无缝对接，把空港经济区打造成吴川高质量发展的新引擎。",
            "湛江空港经济区起步区"), As("市委办公室"));
        return id;
    }

    /// <summary>The roll-up from towns to the county travels after the reports are acknowledged; the meeting freezes what the county holds, so wait until it holds everything.</summary>
    private async Task WaitForWuchuanReportAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var period = new PeriodQuery(2023, 5);
        var county = grains.GetGrain<ICountyGrain>(Wuchuan);
        var towns = (await county.GetOverviewAsync(period)).Children.Select(c => c.Code).ToList();
        var rows = (await Task.WhenAll(towns.Select(t => grains.GetGrain<ITownGrain>(t).GetOverviewAsync(period)))).SelectMany(o => o.Projects).ToList();
        var projects = await Task.WhenAll(rows.Select(r => grains.GetGrain<IProjectGrain>(r.Code).GetAsync(period)));
        var expected = projects.Sum(p => p.Totals.CompletedYtd);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var totals = (await county.GetOverviewAsync(period)).Totals;
            if ((totals.CompletedYtd == expected && totals.ProjectCount == projects.Length) || DateTime.UtcNow > deadline)
            {
                if (totals.CompletedYtd != expected)
                {
                    logger.LogWarning("Wuchuan's roll-up holds {Held} 万元 of {Expected}; the meeting freezes what it holds", totals.CompletedYtd, expected);
                }

                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<string> MeetingAsync(IGrainFactory grains)
    {
        var id = CoordinationIds.New(CoordinationIds.Meeting);
        await grains.GetGrain<IMeetingGrain>(id).OpenAsync(new MeetingDraft(City, Wuchuan, new DateOnly(2023, 6, 8),
            "市委书记到吴川市督导重点项目建设现场办公会", "市委书记",
            [
                "市委常委、市委秘书长",
                "市政府分管副市长",
                "市发展和改革局、市自然资源局、市生态环境局、市住房和城乡建设局、市交通运输局、市水务局、市金融工作局、市工业和信息化局、湛江供电局主要负责同志",
                "吴川市委、市政府主要领导，有关镇（街道）和部门负责同志",
            ],
            2023, 5, "吴川市行政中心会议室"), As("市重点项目办"));
        return id;
    }

    private static async Task MattersAsync(IGrainFactory grains, string meeting, string visit)
    {
        var story = Story(visit);
        foreach (var m in story)
        {
            var grain = grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));
            await grain.RaiseAsync(m.Draft with { MeetingId = meeting }, As(m.Draft.RaisedBy == Wuchuan ? "吴川市重点项目办" : "长岐镇"));
            foreach (var (slug, text) in m.Answers)
            {
                var department = await grains.GetGrain<IDepartmentGrain>($"{City}-{slug}").GetInfoAsync();
                await grain.AnswerAsync($"{City}-{slug}", text, As(department!.Name));
            }

            if (m.Resolution is { } note)
            {
                await grain.ResolveAsync(note, As("吴川市重点项目办"));
            }

            if (m.Answers.Length < m.Draft.Departments.Length)
            {
                // The reminder would have done this long ago; ask the matter to run its check now rather than wait for the first tick.
                await grain.CheckEscalationAsync();
            }
        }
    }

    private static async Task DirectiveAsync(IGrainFactory grains)
    {
        var directive = grains.GetGrain<IDirectiveGrain>(CoordinationIds.New(CoordinationIds.Directive));
        await directive.IssueAsync(new DirectiveDraft(City, "百县千镇万村高质量发展工程2023年度典型镇村培育任务",
            "各县（市、区）按照“百县千镇万村高质量发展工程”部署，完成典型镇圩镇品质提升、典型村人居环境整治和农村公路提档升级等年度任务，按月报送进度。",
            new DateOnly(2023, 12, 31), ["440883", "440881", "440882", "440823", "440825"]), As("市委农村工作领导小组办公室"));
        await directive.SplitAsync(Wuchuan, ["440883102", "440883106", Changqi, "440883107"], As("吴川市委农办"));
        (string Code, decimal Percent, string? Note, string Who)[] progress =
        [
            ("440883102", 75m, "圩镇主干道改造完成，农贸市场升级改造进行中", "覃巴镇"),
            ("440883106", 60m, null, "吴阳镇"),
            (Changqi, 45m, "受空港大道征地拆迁影响，圩镇改造进度滞后", "长岐镇"),
            ("440883107", 55m, "结合空港经济区建设推进圩镇规划", "塘㙍镇"),
            ("440881", 65m, null, "廉江市"),
            ("440882", 50m, null, "雷州市"),
            ("440823", 70m, null, "遂溪县"),
            ("440825", 55m, null, "徐闻县"),
        ];
        foreach (var (code, percent, note, who) in progress)
        {
            await directive.ReportProgressAsync(code, percent, note, As(who));
        }
    }

    private sealed record StoryMatter(MatterDraft Draft, (string Slug, string Text)[] Answers, string? Resolution);

    private static MatterDraft Matter(string title, string detail, string project, DateOnly due, string[] slugs, string raisedBy = Wuchuan,
        string addressedTo = City, string? visit = null) =>
        new(title, detail, raisedBy, project, addressedTo, slugs.Select(s => $"{City}-{s}").ToImmutableArray(), due, null, visit);

    private static StoryMatter[] Story(string visit) =>
    [
        new(Matter("关于湛江产业转移工业园吴川园区新增建设用地指标的事项",
                "园区二期规划用地约1200亩，目前仅落实用地指标约400亩，拟入园的鞋业、羽绒等项目因用地指标不足无法按期供地，恳请市统筹安排新增建设用地指标并加快用地报批。",
                "2021-440883-48-01-165184", new DateOnly(2023, 7, 31), ["zrzyj", "fgj"]),
            [
                ("zrzyj", "将吴川园区二期用地纳入2023年度全市新增建设用地计划统筹保障，优先安排省重点项目用地指标；指导吴川市分批组卷报批，首批约400亩力争7月底前上报省自然资源厅。"),
                ("fgj", "支持将园区二期纳入省产业有序转移主平台建设计划，协助争取省级用地指标奖励。"),
            ],
            "首批用地已获批复，二期指标已纳入年度计划。"),
        new(Matter("关于空港经济区起步区路网与空港大道、沈海高速衔接的事项",
                "起步区内纵三路、横二路与空港大道及沈海高速吴川出入口之间尚未形成顺畅衔接，影响起步区招商引资和机场集疏运，建议将连接线纳入市级交通规划并给予资金支持。",
                AirportZone, new DateOnly(2023, 8, 31), ["jtysj", "zrzyj"], visit: visit),
            [
                ("jtysj", "同意将起步区连接线纳入全市综合交通规划中期调整，会同吴川市开展工程可行性研究，积极争取省交通运输专项资金。"),
                ("zrzyj", "连接线用地纳入国土空间规划“一张图”统筹，提前做好规划衔接和用地预审。"),
            ],
            null),
        new(Matter("关于空港经济区220千伏输变电工程电力接入的事项",
                "起步区首批企业计划2024年上半年投产，需220千伏变电站按期投运，目前线路路径涉及林地和永久基本农田调整，恳请供电部门加快建设进度。",
                "2022-440883-44-02-035746", new DateOnly(2023, 7, 15), ["gdj", "zrzyj"]),
            [
                ("gdj", "已将该工程列入湛江电网2023年重点建设计划，线路路径优化方案已报省公司审批，确保2024年3月前投运。"),
                ("zrzyj", "配合做好线路路径涉及林地、永久基本农田的调整论证和用地报批。"),
            ],
            "线路路径方案已获批复，工程按计划推进。"),
        new(Matter("关于吴川鞋业智能制造产业园项目融资的事项",
                "项目总投资6.5亿元，目前资金缺口约2亿元，企业以厂房和设备抵押融资受限，恳请协调金融机构给予中长期贷款支持，并支持申报技改专项资金。",
                "2022-440883-19-03-045729", new DateOnly(2023, 7, 31), ["jrj", "gxj"]),
            [
                ("jrj", "已将项目纳入全市政银企对接重点项目清单，组织3家银行开展对接，其中2家已完成现场尽职调查，授信方案正在审批。"),
                ("gxj", "将项目纳入全市工业技术改造和数字化转型支持清单，协助企业申报省级技改专项资金。"),
            ],
            null),
        new(Matter("关于吉兆湾滨海旅游度假区（一期）环评审批的事项",
                "项目二期海域使用论证和环境影响评价报告书已编制完成，恳请市生态环境局提前介入指导，加快审批。",
                "2021-440883-78-03-037664", new DateOnly(2023, 7, 15), ["sthjj"]),
            [("sthjj", "已提前介入指导报告书修改完善，开通审批绿色通道，受理后20个工作日内完成审批。")],
            "环境影响评价报告书已获批复。"),
        new(Matter("关于空港大道（机场至吴川城区快速通道）长岐段征地拆迁的事项",
                "空港大道长岐段涉及征地约320亩、拆迁房屋46户，安置用地尚未落实，补偿标准与群众诉求差距较大，影响项目按期全面开工。",
                "2022-440883-48-01-397770", new DateOnly(2023, 6, 30), ["zrzyj", "zjj"], raisedBy: Changqi, addressedTo: Wuchuan),
            [("zjj", "将长岐段拆迁户纳入吴川市安置房统筹，指导长岐镇制定补偿安置方案，做好群众工作。")],
            null),
        new(Matter("关于鉴江吴川段防洪治理工程省级补助资金的事项",
                "工程已完成投资约60%，省级补助资金尚有1.2亿元未下达，影响工程进度款支付。",
                "2021-440883-76-01-016655", new DateOnly(2023, 7, 31), ["swj", "fgj"]),
            [
                ("swj", "已向省水利厅专题报告，争取第三季度下达剩余省级补助资金。"),
                ("fgj", "将项目纳入市级重大项目资金调度，协调财政部门优先保障地方配套资金。"),
            ],
            "剩余省级补助资金已下达。"),
        new(Matter("关于吴川烤鱼预制菜中央厨房及冷链物流中心用地和排污指标的事项",
                "项目冷链物流中心需新增用地约50亩，污水排放总量指标尚未落实，恳请给予支持。",
                "2022-440883-14-03-247537", new DateOnly(2023, 8, 15), ["zrzyj", "sthjj"]),
            [
                ("zrzyj", "项目用地符合国土空间规划，已指导吴川市按工业用地办理出让手续。"),
                ("sthjj", "排污总量指标在吴川市域内统筹调剂解决，督促企业同步建设污水预处理设施。"),
            ],
            null),
        new(Matter("关于吴川市城区老旧小区改造（2023年）中央预算内资金的事项",
                "2023年城区老旧小区改造涉及小区23个、1860户，中央预算内投资尚未下达，恳请协助争取。",
                "2022-440883-47-01-241292", new DateOnly(2023, 7, 15), ["zjj", "fgj"]),
            [
                ("zjj", "已将项目纳入2023年全市城镇老旧小区改造计划，指导吴川市完善项目储备和前期手续。"),
                ("fgj", "已将项目申报中央预算内投资，资金下达后及时转下达。"),
            ],
            "中央预算内资金已下达。"),
        new(Matter("关于广湛高铁吴川站站前广场配套道路纳入市级交通规划的事项",
                "站前广场配套道路与城区路网衔接方案尚未纳入市级规划，恳请统筹考虑，确保与高铁站同步建成使用。",
                "2022-440883-48-01-348756", new DateOnly(2023, 8, 31), ["jtysj"]),
            [("jtysj", "已将站前广场配套道路纳入全市综合交通枢纽规划，配合吴川市做好与高铁站同步建设。")],
            null),
    ];
}
