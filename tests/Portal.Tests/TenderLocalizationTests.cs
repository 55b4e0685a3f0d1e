using System.Collections;
using System.Globalization;
using System.Resources;
using Liandong.Client.Portal;
using Liandong.Tenders;

namespace Liandong.Portal.Tests;

/// <summary>Every label the tender pages build from an enum or an indicator id exists, in Chinese and in English.</summary>
public sealed class TenderLocalizationTests
{
    private static readonly ResourceManager Resources = new("Liandong.Client.Portal.Strings", typeof(Strings).Assembly);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryTenderEnumAndIndicatorHasALabel(string culture)
    {
        var keys = Resources.GetResourceSet(culture == "zh-CN" ? CultureInfo.InvariantCulture : new CultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var wanted = Names<TenderKind>("Tender.Kind").Concat(Names<TenderMethod>("Tender.Method")).Concat(Names<BidStatus>("Tender.Bid"))
            .Concat(Names<FlagStatus>("Tender.Status")).Concat(Names<Severity>("Tender.Severity")).Concat(Names<TenderSource>("Tender.Source"))
            .Concat(IndicatorCatalog.All.Select(i => $"Tender.Ind.{i.Id}"));

        var missing = wanted.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "missing labels: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Names<T>(string prefix) where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{prefix}.{n}");
}
