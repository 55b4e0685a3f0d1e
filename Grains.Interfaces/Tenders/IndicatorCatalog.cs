namespace Liandong.Tenders;

/// <summary>One indicator: its id, what it flags, its basis (article or methodology) and how urgent it is.</summary>
public sealed record IndicatorInfo(string Id, FlagLevel Level, Severity Severity, string Basis);

/// <summary>Every indicator Liandong computes (docs/integrity.md describes each).</summary>
public static class IndicatorCatalog
{
    public const string Window = "CN-window";
    public const string Bidders = "CN-bidders";
    public const string Docs = "CN-docs";
    public const string Bond = "CN-bond";
    public const string PerfBond = "CN-perfbond";
    public const string Contract = "CN-contract";
    public const string Split = "CN-split";
    public const string MustTender = "CN-mustTender";
    public const string Related = "CN-related";
    public const string SerialWinner = "CN-serialWinner";

    private const string Ocp = "Open Contracting Partnership red flag methodology (reference implementation cardinal), ";

    public static IReadOnlyList<IndicatorInfo> All { get; } =
    [
        new(Window, FlagLevel.Process, Severity.Medium, "招标投标法 第二十四条: 自招标文件开始发出之日起至投标人提交投标文件截止之日止，最短不得少于二十日"),
        new(Bidders, FlagLevel.Process, Severity.High, "招标投标法 第二十八条; 招标投标法实施条例 第四十四条: 投标人少于3个的，不得开标，招标人应当重新招标"),
        new(Docs, FlagLevel.Process, Severity.Medium, "招标投标法实施条例 第十六条: 资格预审文件或者招标文件的发售期不得少于5日"),
        new(Bond, FlagLevel.Process, Severity.Medium, "招标投标法实施条例 第二十六条: 投标保证金不得超过招标项目估算价的2%"),
        new(PerfBond, FlagLevel.Process, Severity.Medium, "招标投标法实施条例 第五十八条: 履约保证金不得超过中标合同金额的10%"),
        new(Contract, FlagLevel.Process, Severity.Low, "招标投标法 第四十六条: 自中标通知书发出之日起三十日内订立书面合同"),
        new(Split, FlagLevel.Project, Severity.High, "必须招标的工程项目规定 (国家发展改革委令第16号) 第五条: 同一项目中可以合并进行的采购，合同估算价合计达到标准的，必须招标; 招标投标法 第四条: 不得将必须进行招标的项目化整为零"),
        new(MustTender, FlagLevel.Process, Severity.High, "必须招标的工程项目规定 (国家发展改革委令第16号) 第五条: 施工400万元、货物200万元、服务100万元以上，必须招标"),
        new(Related, FlagLevel.Process, Severity.High, "招标投标法实施条例 第三十四条、第四十条: 单位负责人为同一人或者存在控股、管理关系的不同单位不得参加同一标段投标; 不同投标人的投标文件由同一单位或者个人编制、委托同一单位或者个人办理投标事宜、投标保证金从同一单位或者个人的账户转出的，视为串通投标"),
        new(SerialWinner, FlagLevel.Tenderer, Severity.High, "廉政风险防控: 一家供应商在365日内中标同一采购人项目的次数超过本市限值 (本市设置)"),
        new("R003", FlagLevel.Process, Severity.Low, Ocp + "R003 Short submission period: an open procedure's bid period is shorter than the threshold (15 days)"),
        new("R018", FlagLevel.Process, Severity.Medium, Ocp + "R018 Single bid received: one tenderer in a competitive (open or selective) procedure"),
        new("R024", FlagLevel.Process, Severity.Medium, Ocp + "R024 Price close to winning bid: (second-lowest valid bid − winning bid) / winning bid ≤ Q1 − 1.5·IQR"),
        new("R025", FlagLevel.Tenderer, Severity.Medium, Ocp + "R025 Excessive unsuccessful bids: a top tenderer (valid bids above the 75th percentile) whose wins / valid bids < Q1 − 1.5·IQR"),
        new("R028", FlagLevel.Process, Severity.Medium, Ocp + "R028 Identical bid prices: different tenderers submitted the same price"),
        new("R030", FlagLevel.Process, Severity.High, Ocp + "R030 Late bid won: the winner's valid bid was received after the deadline"),
        new("R035", FlagLevel.Process, Severity.High, Ocp + "R035 All except winning bid disqualified: one valid tenderer, the winner, and at least 1 other tenderer disqualified"),
        new("R036", FlagLevel.Process, Severity.High, Ocp + "R036 Lowest bid disqualified: the lowest submitted bid is disqualified in an awarded process"),
        new("R038", FlagLevel.Buyer, Severity.Medium, Ocp + "R038 Excessive disqualified bids: disqualified / submitted bids ≥ Q3 + 1.5·IQR per buyer, procuring entity or tenderer"),
        new("R058", FlagLevel.Process, Severity.Medium, Ocp + "R058 Heavily discounted bid: (second-lowest valid bid − winning bid) / winning bid ≥ Q3 + 1.5·IQR"),
    ];

    public static IndicatorInfo Get(string id) => All.First(i => i.Id == id);

    public static bool Exists(string? id) => id is not null && All.Any(i => i.Id == id);
}
