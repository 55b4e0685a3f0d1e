using Liandong.Coordination;
using Liandong.Promotion;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>Leads and referrers for the promotion tests, in a scenario's city.</summary>
internal static class PromotionSetup
{
    private static int _serial;

    /// <summary>A fresh lead id in the county: the date part is fixed, the suffix unique in the test run.</summary>
    public static string NewLeadId(string county) =>
        $"ZS{county}-20230620-{Interlocked.Increment(ref _serial):D6}";

    public static LeadDraft Draft(string county, string name = "年产500万双塑料鞋项目", string investor = "广东某某鞋业有限公司",
        decimal planned = 30_000m, DateOnly? received = null, string? referrer = null, string? leader = null,
        LeadChannel channel = LeadChannel.IndustryChain, string chain = "塑料鞋") =>
        new(county, name, investor, chain, planned, channel, referrer, leader, received ?? new DateOnly(2023, 6, 19),
            null, 120m, null, 50_000m, 2_000m);

    public static async Task<ILeadGrain> LeadAsync(IGrainFactory grains, LeadDraft draft)
    {
        var lead = grains.GetGrain<ILeadGrain>(NewLeadId(draft.CountyCode));
        await lead.CreateAsync(draft, "county-officer");
        return lead;
    }

    public static async Task<string> ReferrerAsync(IGrainFactory grains, string city, string slug, ReferrerKind kind = ReferrerKind.Xiangxian)
    {
        var id = $"{city}-{slug}";
        await grains.GetGrain<IReferrerGrain>(id).RegisterAsync($"引荐人 {slug}", kind, city, null, null, "test");
        return id;
    }

    public static async Task<string> LeaderAsync(IGrainFactory grains, string city, string slug)
    {
        var id = $"L{city}-{slug}";
        await grains.GetGrain<ILeaderGrain>(id).RegisterAsync("市委书记", LeadingBody.PartyCommittee, city, "test");
        return id;
    }

    public static StageMove To(LeadStage stage, DateOnly date, decimal? signed = null, decimal? funds = null, string? note = null, string? creditCode = null) =>
        new(stage, date, note, signed, creditCode, funds);
}
