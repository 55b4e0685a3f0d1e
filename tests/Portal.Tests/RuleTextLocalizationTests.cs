using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Liandong.Client.Portal;
using Liandong.Promotion;
using Liandong.Tenders;

namespace Liandong.Portal.Tests;

/// <summary>
/// The shared rules of Grains.Interfaces that portal forms show (an entered tender process, a lead's figures): every refusal
/// carries a key that Strings.resx and Strings.en.resx both write, with the rule's arguments, and the English text stays
/// what the API answers.
/// </summary>
public sealed partial class RuleTextLocalizationTests
{
    private static readonly ResourceManager Resources = new("Liandong.Client.Portal.Strings", typeof(Strings).Assembly);

    private static readonly TenderInput Valid = new(null, "厂区道路施工招标", TenderKind.Works, TenderMethod.Open, 800m, true,
        new DateOnly(2023, 5, 4), new DateOnly(2023, 5, 4), new DateOnly(2023, 5, 9), new DateOnly(2023, 5, 30), 2m,
        [new Bidder("b1", "湛江市某建筑工程有限公司", null, null, null, null, 790m, BidStatus.Valid, null)],
        new DateOnly(2023, 6, 5), "b1", 790m, new DateOnly(2023, 6, 10), 5m, null, null, null);

    public static TheoryData<string> BrokenTenders() =>
    [
        "budget", "noticeDate", "documentsFrom", "documentsTo", "bidDeadline", "dates", "saleOrder", "deadlineOrder", "saleBeforeNotice",
        "bond", "twice", "bidderName", "winner", "contract", "price",
    ];

    [Theory]
    [MemberData(nameof(BrokenTenders))]
    public void EveryTenderRefusalIsWrittenInBothLanguages(string broken)
    {
        Assert.Null(TenderRules.Rule(Valid, imported: false));
        var t = broken switch
        {
            "budget" => Valid with { Budget = null },
            "noticeDate" => Valid with { NoticeDate = null },
            "documentsFrom" => Valid with { DocumentsFrom = null },
            "documentsTo" => Valid with { DocumentsTo = null },
            "bidDeadline" => Valid with { BidDeadline = null },
            "dates" => Valid with { AwardDate = new DateOnly(2101, 1, 1) },
            "saleOrder" => Valid with { DocumentsTo = new DateOnly(2023, 5, 3) },
            "deadlineOrder" => Valid with { BidDeadline = new DateOnly(2023, 5, 3), DocumentsTo = new DateOnly(2023, 5, 4) },
            "saleBeforeNotice" => Valid with { DocumentsFrom = new DateOnly(2023, 5, 1) },
            "bond" => Valid with { BidBondPercent = 101m },
            "twice" => Valid with { Bidders = [Valid.Bidders[0], Valid.Bidders[0]] },
            "bidderName" => Valid with { Bidders = [Valid.Bidders[0] with { Name = " " }] },
            "winner" => Valid with { WinnerId = "b2" },
            "contract" => Valid with { ContractDate = new DateOnly(2023, 6, 1) },
            "price" => Valid with { Bidders = [Valid.Bidders[0] with { Price = -1m }] },
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var (_, rule) = TenderRules.Rule(t, imported: false) ?? throw new Xunit.Sdk.XunitException($"{broken}: no refusal");
        AssertWritten(rule);
        Assert.Equal(TenderRules.Problem(t, imported: false)!.Value.Message, rule.Text);
    }

    [Fact]
    public void EveryLeadFigureRefusalIsWrittenInBothLanguages()
    {
        RuleText?[] rules =
        [
            PromotionLimits.AmountRule(null, required: true), PromotionLimits.AmountRule(-1m, required: false), PromotionLimits.AmountRule(10_000_001m, required: false),
            PromotionLimits.MeasureRule(-1m, PromotionLimits.MaxLandMu, PromotionLimits.LandUnit),
            PromotionLimits.MeasureRule(1_000_001m, PromotionLimits.MaxLandMu, PromotionLimits.LandUnit),
            PromotionLimits.FixedAssetRule(2m, 1m), PromotionLimits.ReceivedDateRule(new DateOnly(2023, 6, 2), new DateOnly(2023, 6, 1)),
            PromotionLimits.ReceivedDateRule(new DateOnly(1999, 12, 31), new DateOnly(2023, 6, 1)), PromotionLimits.LeaderIdRule("市长 办公室"),
        ];

        Assert.All(rules, r => AssertWritten(Assert.IsType<RuleText>(r)));
        Assert.Null(PromotionLimits.FixedAssetRule(1m, 1m));
        Assert.Null(PromotionLimits.MeasureRule(null, PromotionLimits.MaxLandMu, PromotionLimits.LandUnit));
        Assert.Null(PromotionLimits.LeaderIdRule("440800-sz"));
    }

    [Fact]
    public void EveryRefusalOfALeadOrAnApplicationIsWrittenInBothLanguages()
    {
        var day = new DateOnly(2023, 6, 1);
        RuleText[] rules =
        [
            PromotionRefusals.Closed("producing"), PromotionRefusals.DropStarted, PromotionRefusals.DropReason, PromotionRefusals.Already("signed"),
            PromotionRefusals.Skipped("contact", "negotiating"), PromotionRefusals.DateBeforeStage(day), PromotionRefusals.DateInFuture,
            PromotionRefusals.NoteAtMost, PromotionRefusals.SignedOnlySigned, PromotionRefusals.CreditOnlyRegistered, PromotionRefusals.CreditCode("bad"),
            PromotionRefusals.FundsBeforeSigned, PromotionRefusals.FundsBelow(12.5m), PromotionRefusals.ReferrerUnknown("440800-wu"),
            PromotionRefusals.ReferrerCity, PromotionRefusals.LeaderUnknown("440800-sz"), PromotionRefusals.LeaderCity,
            PromotionRefusals.Duplicate("ZS440881-20230601-ABCDEF", "某公司 某项目"), PromotionRefusals.FollowUpBeforeReceived(day),
            PromotionRefusals.FeedbackWithoutReferrer, PromotionRefusals.Converted("P-1"), PromotionRefusals.NotYetRegistered("signed"),
            PromotionRefusals.TownOutside("440881"), PromotionRefusals.NationalCode("bad"), PromotionRefusals.ProjectExists("P-1"),
            PromotionRefusals.ListDuplicate("P-1", "provincial", 2024, "A-1"), PromotionRefusals.ListYearMax(2027), PromotionRefusals.ListNotDraft("Submitted"),
            PromotionRefusals.ListNotReady("land: not secured", "land"), PromotionRefusals.ListNotSubmitted("Draft"),
        ];

        Assert.All(rules, AssertWritten);
        Assert.Equal("The date cannot be before the last stage's (2023-06-01).", PromotionRefusals.DateBeforeStage(day).Text);
    }

    /// <summary>
    /// Every key a refusal is given in the source (<c>new RuleText("Key", …)</c>, a target-typed <c>new("Key", "…")</c> in a file
    /// of rules, <c>RuleMessage.Of("Key", …)</c>) of the grains, their interfaces and the API's field rules has a Chinese and
    /// an English text: a key without one would show the English text to a Chinese official.
    /// </summary>
    [Fact]
    public void EveryRuleKeyInTheSourceIsWrittenInBothLanguages()
    {
        var root = RepositoryRoot();
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "Grains", "Grains.Interfaces", Path.Combine("Client", "Api"), Path.Combine("Client", "Services") })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                var matches = NewRuleText().Matches(text).Concat(RuleMessageOf().Matches(text));
                if (text.Contains("RuleText", StringComparison.Ordinal))
                {
                    matches = matches.Concat(TargetTypedRule().Matches(text));
                }

                foreach (Match m in matches)
                {
                    keys.TryAdd(m.Groups["key"].Value, Path.GetRelativePath(root, file));
                }
            }
        }

        // The scan finds the domains converted so far; a broken pattern would find none and pass vacuously.
        Assert.True(keys.Count > 200, $"only {keys.Count} keys found");
        Assert.Contains("FinancingDisbursementOver", keys.Keys);
        Assert.Contains("MatterNothingToReopen", keys.Keys);
        Assert.Contains("ReportBeforeStart", keys.Keys);
        Assert.Contains("RankingWeightsSum", keys.Keys);
        Assert.Contains("ListCheckFunds", keys.Keys);

        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("en") })
        {
            var set = Entries(culture);
            var missing = keys.Where(k => !set.ContainsKey("Workbench.Rule." + k.Key)).Select(k => $"{k.Key} ({k.Value})").ToList();
            Assert.True(missing.Count == 0, $"Workbench.Rule.* missing in {(culture.Name.Length == 0 ? "Strings.resx" : "Strings.en.resx")}: {string.Join(", ", missing)}");
        }
    }

    /// <summary>
    /// Every refusal of the per-domain rules classes (FinanceRefusals, CoordinationRefusals, ReportRefusals, RankingRefusals,
    /// PromotionRefusals), called with sample arguments: both languages write it with its own arguments (a template naming an
    /// argument the rule does not carry would throw), and its English text is a sentence.
    /// </summary>
    [Fact]
    public void EveryRefusalOfTheDomainRulesClassesFormatsInBothLanguages()
    {
        var classes = typeof(RuleText).Assembly.GetTypes().Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Refusals", StringComparison.Ordinal)).ToList();
        Assert.Contains(classes, t => t.Name == "FinanceRefusals");
        Assert.Contains(classes, t => t.Name == "CoordinationRefusals");
        Assert.Contains(classes, t => t.Name == "ReportRefusals");
        Assert.Contains(classes, t => t.Name == "RankingRefusals");
        Assert.Contains(classes, t => t.Name == "PromotionRefusals");
        var rules = new List<RuleText>();
        foreach (var type in classes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(RuleText)))
            {
                rules.Add((RuleText)property.GetValue(null)!);
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                         .Where(m => m.ReturnType == typeof(RuleText) && !m.IsSpecialName))
            {
                var args = method.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
                rules.Add((RuleText)method.Invoke(null, args)!);
            }
        }

        Assert.True(rules.Count > 150, $"only {rules.Count} refusals found");
        Assert.All(rules, rule =>
        {
            AssertWritten(rule);
            Assert.False(string.IsNullOrWhiteSpace(rule.Text));
        });
    }

    private static object? Sample(Type type) =>
        type == typeof(string) ? "440800-x"
        : type == typeof(int) ? 2024
        : type == typeof(decimal) ? 12.5m
        : type == typeof(bool) ? true
        : type == typeof(DateOnly) ? new DateOnly(2024, 3, 1)
        : type.IsEnum ? Enum.GetValues(type).GetValue(1)
        : throw new InvalidOperationException($"no sample {type}");

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liandong.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Liandong.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"new RuleText\(\s*""(?<key>\w+)""")]
    private static partial Regex NewRuleText();

    [GeneratedRegex(@"RuleMessage\.Of\(\s*""(?<key>\w+)""")]
    private static partial Regex RuleMessageOf();

    [GeneratedRegex(@"\bnew\(\s*""(?<key>\w+)"",\s*\$?""")]
    private static partial Regex TargetTypedRule();

    [Fact]
    public void EveryReferrerRegistrationRefusalIsWrittenInBothLanguages()
    {
        Assert.Empty(ReferrerRules.Problems("440800-wu", "吴先生", ReferrerKind.Xiangxian, "440800", "440883107", "电话"));
        var problems = ReferrerRules.Problems("440800 wu", " ", (ReferrerKind)42, "4408", null, new string('x', 201))
            .Concat(ReferrerRules.Problems("440800-wu", "吴先生", null, "441800", "440883", null))
            .Concat(ReferrerRules.Problems("440800-wu", "吴先生", ReferrerKind.Other, "440800", "440800", null))
            .Append((Field: "id", Rule: ReferrerRules.Taken("440800-wu")))
            .ToList();
        Assert.Equal(["id", "name", "kind", "cityCode", "contact", "kind", "cityCode", "hometownCode", "hometownCode", "id"], problems.Select(p => p.Field));
        Assert.All(problems, p => AssertWritten(p.Rule));
    }

    private static void AssertWritten(RuleText rule)
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("en") })
        {
            var set = Entries(culture);
            Assert.True(set.TryGetValue("Workbench.Rule." + rule.Key, out var template), $"Workbench.Rule.{rule.Key} is missing ({culture.Name})");
            var text = rule.Args.Length == 0 ? template : string.Format(culture, template, rule.Args);
            Assert.False(string.IsNullOrWhiteSpace(text));
        }
    }
}
