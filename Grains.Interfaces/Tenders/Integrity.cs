using System.Collections.Immutable;

namespace Liandong.Tenders;

/// <summary>What a flag is about (the Open Contracting levels).</summary>
public enum FlagLevel
{
    Process = 0,
    Tenderer = 1,
    Buyer = 2,
    ProcuringEntity = 3,
    /// <summary>One project's procurements of one kind taken together (CN-split).</summary>
    Project = 4,
}

/// <summary>Where an alert stands with the inspectors.</summary>
public enum FlagStatus
{
    /// <summary>待核查: raised, not reviewed (or its evidence changed since the review).</summary>
    Open = 0,
    /// <summary>属实: the inspector confirmed it deserves action.</summary>
    Confirmed = 1,
    /// <summary>排除: the inspector found an explanation.</summary>
    Dismissed = 2,
    /// <summary>已消除: the data no longer raise it (a correction), before anyone reviewed it.</summary>
    Cleared = 3,
}

/// <summary>How urgently an inspector should look.</summary>
public enum Severity
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>An inspector's review outcome.</summary>
public enum ReviewOutcome
{
    Confirmed = 1,
    Dismissed = 2,
}

/// <summary>An interquartile fence as the reference implementation computes it (R-8 quartiles), or a configured threshold.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.Fence")]
public sealed record Fence(
    [property: Id(0)] double? Q1,
    [property: Id(1)] double? Q3,
    [property: Id(2)] double? Lower,
    [property: Id(3)] double? Upper,
    [property: Id(4)] int SampleSize,
    [property: Id(5)] bool Configured);

/// <summary>One figure of the evidence: a name the portal translates and its value as text.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.EvidenceFigure")]
public sealed record EvidenceFigure([property: Id(0)] string Name, [property: Id(1)] string Value);

/// <summary>Why a flag was raised: the figures, the organisations concerned, the processes, and the fence if any.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.FlagEvidence")]
public sealed record FlagEvidence(
    [property: Id(0)] ImmutableArray<EvidenceFigure> Figures,
    [property: Id(1)] ImmutableArray<string> Organisations,
    [property: Id(2)] ImmutableArray<string> Processes,
    [property: Id(3)] Fence? Fence);

/// <summary>A flag as the indicators compute it, before it becomes an alert.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.Finding")]
public sealed record Finding(
    [property: Id(0)] string Indicator,
    [property: Id(1)] FlagLevel Level,
    [property: Id(2)] string Subject,
    [property: Id(3)] string? TenderId,
    [property: Id(4)] string? Ocid,
    [property: Id(5)] string? ProjectCode,
    [property: Id(6)] string? CountyCode,
    [property: Id(7)] double? Value,
    [property: Id(8)] FlagEvidence Evidence)
{
    /// <summary>What else tells two findings of one indicator and subject apart (CN-serialWinner: the buyer).</summary>
    [Id(9)]
    public string? Scope { get; init; }
}

/// <summary>An inspector's review of an alert, kept with who and when.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.FlagReview")]
public sealed record FlagReview(
    [property: Id(0)] ReviewOutcome Outcome,
    [property: Id(1)] string Note,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string EvidenceHash);

/// <summary>An alert (预警线索) for inspectors: a finding with a stable id, its basis, status and reviews.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.IntegrityFlag")]
public sealed record IntegrityFlag(
    [property: Id(0)] string Id,
    [property: Id(1)] Finding Finding,
    [property: Id(2)] string Basis,
    [property: Id(3)] Severity Severity,
    [property: Id(4)] FlagStatus Status,
    [property: Id(5)] string EvidenceHash,
    [property: Id(6)] ImmutableArray<FlagReview> Reviews,
    [property: Id(7)] DateTimeOffset RaisedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    public string Indicator => Finding.Indicator;

    /// <summary>The county the alert belongs to; null for a city-level alert (processes in several counties, or none).</summary>
    public string? CountyCode => Finding.CountyCode;
}

/// <summary>How much of the data an indicator could use, and why the rest could not be (数据覆盖).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.CoverageRow")]
public sealed record CoverageRow(
    [property: Id(0)] string Indicator,
    [property: Id(1)] int Processes,
    [property: Id(2)] int Evaluated,
    [property: Id(3)] ImmutableDictionary<string, int> Missing,
    [property: Id(4)] int Flagged,
    [property: Id(5)] Fence? Fence,
    [property: Id(6)] string? Note);

/// <summary>The city's thresholds and limits: the law's and the reference implementation's defaults unless the city changes them.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.IntegritySettings")]
public sealed record IntegritySettings
{
    public static IntegritySettings Default { get; } = new();

    /// <summary>招标投标法 Art. 24: at least 20 days from documents issued to the bid deadline.</summary>
    [Id(0)] public int MinBidWindowDays { get; init; } = 20;

    /// <summary>实施条例 Art. 16: documents on sale at least 5 days.</summary>
    [Id(1)] public int MinDocumentDays { get; init; } = 5;

    /// <summary>招标投标法 Art. 28: fewer than three bidders means tendering again.</summary>
    [Id(2)] public int MinBidders { get; init; } = 3;

    /// <summary>实施条例 Art. 26: bid bond at most 2% of the estimated price.</summary>
    [Id(3)] public decimal MaxBidBondPercent { get; init; } = 2m;

    /// <summary>实施条例 Art. 58: performance bond at most 10% of the contract price.</summary>
    [Id(4)] public decimal MaxPerformanceBondPercent { get; init; } = 10m;

    /// <summary>招标投标法 Art. 46: contract within 30 days of the award notice.</summary>
    [Id(5)] public int MaxContractDays { get; init; } = 30;

    /// <summary>NDRC Order No. 16 Art. 5: works from 400 万元 must be tendered.</summary>
    [Id(6)] public decimal WorksThreshold { get; init; } = 400m;

    /// <summary>NDRC Order No. 16 Art. 5: goods from 200 万元.</summary>
    [Id(7)] public decimal GoodsThreshold { get; init; } = 200m;

    /// <summary>NDRC Order No. 16 Art. 5: services from 100 万元.</summary>
    [Id(8)] public decimal ServicesThreshold { get; init; } = 100m;

    /// <summary>The most processes of one buyer one supplier may win in the window before it is flagged.</summary>
    [Id(9)] public int SerialWinnerLimit { get; init; } = 3;

    [Id(10)] public int SerialWinnerWindowDays { get; init; } = 365;

    /// <summary>R003: bid period shorter than this many days (reference default 15).</summary>
    [Id(11)] public int R003Days { get; init; } = 15;

    /// <summary>R024: a fixed lower fence instead of Q1 − 1.5·IQR (null: the fence).</summary>
    [Id(12)] public double? R024Threshold { get; init; }

    /// <summary>R025: the percentile of valid-bid counts a top tenderer exceeds (reference default 75).</summary>
    [Id(13)] public int R025Percentile { get; init; } = 75;

    [Id(14)] public double? R025Threshold { get; init; }

    /// <summary>R035: at least this many other tenderers disqualified (reference default 1).</summary>
    [Id(15)] public int R035Threshold { get; init; } = 1;

    [Id(16)] public double? R038Threshold { get; init; }

    /// <summary>R038: tenderers with fewer submitted bids are left out (reference default 2).</summary>
    [Id(17)] public int R038MinimumSubmittedBids { get; init; } = 2;

    /// <summary>R038: buyers and procuring entities with fewer processes are left out (reference default 2).</summary>
    [Id(18)] public int R038MinimumProcesses { get; init; } = 2;

    [Id(19)] public double? R058Threshold { get; init; }

    public decimal ThresholdFor(TenderKind kind) => kind switch
    {
        TenderKind.Works => WorksThreshold,
        TenderKind.Goods => GoodsThreshold,
        _ => ServicesThreshold,
    };
}

/// <summary>Open and confirmed alerts of one county (or the city level) for one indicator.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tenders.IntegritySummaryRow")]
public sealed record IntegritySummaryRow(
    [property: Id(0)] string? CountyCode,
    [property: Id(1)] string Indicator,
    [property: Id(2)] int Open,
    [property: Id(3)] int Confirmed,
    [property: Id(4)] int Dismissed);
