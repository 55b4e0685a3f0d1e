using System.Collections.Immutable;

namespace Liandong.Tenders;

/// <summary>What is procured (招标项目类型): 施工 works, 货物 goods, 服务 services.</summary>
public enum TenderKind
{
    Works = 0,
    Goods = 1,
    Services = 2,
}

/// <summary>How the supplier is chosen (采购方式).</summary>
public enum TenderMethod
{
    /// <summary>公开招标 (OCDS "open").</summary>
    Open = 0,
    /// <summary>邀请招标 (OCDS "selective").</summary>
    Invited = 1,
    /// <summary>竞争性谈判 / 磋商 (OCDS "limited").</summary>
    Negotiation = 2,
    /// <summary>单一来源 (OCDS "limited").</summary>
    SingleSource = 3,
    /// <summary>直接发包 / 直接采购 (OCDS "direct").</summary>
    Direct = 4,
}

/// <summary>A bid's fate after opening. Withdrawn bids are not "submitted" in the Open Contracting sense.</summary>
public enum BidStatus
{
    Valid = 0,
    Disqualified = 1,
    Withdrawn = 2,
    /// <summary>Received, not yet evaluated (OCDS "pending"); counts as submitted.</summary>
    Pending = 3,
}

/// <summary>Where a tender record came from.</summary>
public enum TenderSource
{
    Entered = 0,
    Ocds = 1,
}

/// <summary>One bidder (投标人) of one process and its bid.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.Bidder")]
public sealed record Bidder(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? LegalRepresentative,
    [property: Id(3)] string? ContactPhone,
    [property: Id(4)] string? Address,
    [property: Id(5)] string? BondAccount,
    [property: Id(6)] decimal? Price,
    [property: Id(7)] BidStatus Status,
    [property: Id(8)] DateTimeOffset? ReceivedAt)
{
    /// <summary>Submitted in the Open Contracting sense: pending, valid or disqualified (not withdrawn).</summary>
    public bool IsSubmitted => Status != BidStatus.Withdrawn;
}

/// <summary>
/// One procurement process (招标 / 采购) as entered or imported: what is bought, how, the legal windows,
/// the bidders and their prices, the award and the contract. Amounts in 万元, percentages as 0–100.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.TenderInput")]
public sealed record TenderInput(
    [property: Id(0)] string? Ocid,
    [property: Id(1)] string Title,
    [property: Id(2)] TenderKind Kind,
    [property: Id(3)] TenderMethod Method,
    [property: Id(4)] decimal? Budget,
    [property: Id(5)] bool StateFunded,
    [property: Id(6)] DateOnly? NoticeDate,
    [property: Id(7)] DateOnly? DocumentsFrom,
    [property: Id(8)] DateOnly? DocumentsTo,
    [property: Id(9)] DateOnly? BidDeadline,
    [property: Id(10)] decimal? BidBondPercent,
    [property: Id(11)] ImmutableArray<Bidder> Bidders,
    [property: Id(12)] DateOnly? AwardDate,
    [property: Id(13)] string? WinnerId,
    [property: Id(14)] decimal? AwardPrice,
    [property: Id(15)] DateOnly? ContractDate,
    [property: Id(16)] decimal? PerformanceBondPercent,
    [property: Id(17)] string? BuyerId,
    [property: Id(18)] string? BuyerName,
    [property: Id(19)] string? ProcuringEntityId)
{
    /// <summary>招标 in the law's sense: open or invited tender.</summary>
    public bool IsTendered => Method is TenderMethod.Open or TenderMethod.Invited;

    /// <summary>The amount the compulsory-tender thresholds are measured against: the award price, else the budget.</summary>
    public decimal? ContractAmount => AwardPrice ?? Budget;

    public bool HasAward => !string.IsNullOrEmpty(WinnerId);

    /// <summary>Whether two inputs say the same thing (a repeat, not a correction); record equality alone compares the bidder arrays by reference.</summary>
    public bool SameAs(TenderInput other) =>
        this with { Bidders = [] } == other with { Bidders = [] } && Bidders.SequenceEqual(other.Bidders);
}

/// <summary>Where a process belongs: its project (null for an imported release that matches none), county and city.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.TenderPlacement")]
public sealed record TenderPlacement(
    [property: Id(0)] string? ProjectCode,
    [property: Id(1)] string? CountyCode,
    [property: Id(2)] string CityCode,
    [property: Id(3)] TenderSource Source);

/// <summary>A process as it stands, with its place and version; what the indicators read.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.TenderRecord")]
public sealed record TenderRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] TenderPlacement Placement,
    [property: Id(2)] TenderInput Data,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] string UpdatedBy,
    [property: Id(5)] long Version)
{
    /// <summary>The process id indicators speak of: the ocid when there is one, else the tender id.</summary>
    public string ProcessId => Data.Ocid ?? Id;

    /// <summary>The buyer (采购人 / 招标人): its id when given, else the project, else the tender itself.</summary>
    public string BuyerKey => Data.BuyerId ?? (Placement.ProjectCode is { } p ? "project:" + p : "tender:" + Id);
}

/// <summary>An earlier version of a process, kept when a correction replaced it (更正记录).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.TenderRevision")]
public sealed record TenderRevision(
    [property: Id(0)] TenderInput Data,
    [property: Id(1)] DateTimeOffset SavedAt,
    [property: Id(2)] string SavedBy,
    [property: Id(3)] DateTimeOffset ReplacedAt,
    [property: Id(4)] string ReplacedBy);

/// <summary>A process with its corrections, and whether this call created it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.TenderView")]
public sealed record TenderView(
    [property: Id(0)] TenderRecord Record,
    [property: Id(1)] ImmutableArray<TenderRevision> Corrections,
    [property: Id(2)] bool Created);

/// <summary>The outcome of an OCDS import: how many processes were created, how many updated, and the lines refused.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.OcdsImportResult")]
public sealed record OcdsImportResult(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Updated,
    [property: Id(2)] ImmutableArray<OcdsLineError> Rejected);

/// <summary>A line (or release of a package) that could not be read, with why.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.OcdsLineError")]
public sealed record OcdsLineError([property: Id(0)] int Line, [property: Id(1)] string Error);
