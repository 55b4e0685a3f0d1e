using System.Collections;
using System.Globalization;
using System.Resources;
using Liandong.Accounts;
using Liandong.Client.Portal;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Portal.Tests;

/// <summary>The portal's text: Chinese and English say the same things, and every label a page builds from an enum exists.</summary>
public sealed class LocalizationTests
{
    private static readonly ResourceManager Resources = new("Liandong.Client.Portal.Strings", typeof(Strings).Assembly);

    [Fact]
    public void ChineseAndEnglishHaveTheSameKeysAndNoEmptyText()
    {
        var zh = Keys(CultureInfo.InvariantCulture);
        var en = Keys(new CultureInfo("en"));

        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        Assert.DoesNotContain(zh, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(en, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void EveryEnumAPageShowsHasALabel()
    {
        var keys = Keys(CultureInfo.InvariantCulture).Keys.ToHashSet();
        var wanted = Names<ProjectCategory>("Category").Concat(Names<ProjectStage>("Stage")).Concat(Names<Light>("Light"))
            .Concat(Names<UserRole>("Role")).Concat(Enum.GetNames<UserRole>().SelectMany(r => new[] { $"Role.{r}.Scope", $"Role.{r}.Jurisdiction" }))
            .Concat(Names<MatterStatus>("MatterStatus")).Concat(Names<FinancingStatus>("FinancingStatus")).Concat(Names<BankRequestStatus>("BankRequestStatus"))
            .Concat(Names<OfferStatus>("OfferStatus")).Concat(Names<FactorKind>("FactorKind")).Concat(Names<FactorStatus>("FactorStatus"))
            .Concat(Names<LeadingBody>("LeadingBody")).Concat(Names<Liandong.Hierarchy.DivisionLevel>("Level"));

        var missing = wanted.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "missing labels: " + string.Join(", ", missing));
    }

    [Fact]
    public void ChineseIsTheDefaultLanguage() =>
        Assert.Equal("全市总览", Resources.GetString("Nav.CityOverview", new CultureInfo("zh-CN")));

    private static IEnumerable<string> Names<T>(string prefix) where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{prefix}.{n}");

    private static Dictionary<string, string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
