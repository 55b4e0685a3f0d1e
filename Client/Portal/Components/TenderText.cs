using Liandong.Tenders;
using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal.Components;

/// <summary>Names of the tender-supervision terms in the user's language, with the raw name where no translation exists.</summary>
public static class TenderText
{
    public static string Or(this IStringLocalizer<Strings> l, string key, string fallback)
    {
        var s = l[key];
        return s.ResourceNotFound ? fallback : s.Value;
    }

    public static string Indicator(this IStringLocalizer<Strings> l, string id) => l.Or($"Tender.Ind.{id}", id);

    public static string Figure(this IStringLocalizer<Strings> l, string name) => l.Or($"Tender.Fig.{name}", name);

    public static string Missing(this IStringLocalizer<Strings> l, string reason) => l.Or($"Tender.Miss.{reason}", reason);

    public static string Kind(this IStringLocalizer<Strings> l, TenderKind kind) => l[$"Tender.Kind.{kind}"];

    public static string Method(this IStringLocalizer<Strings> l, TenderMethod method) => l[$"Tender.Method.{method}"];

    public static string Status(this IStringLocalizer<Strings> l, FlagStatus status) => l[$"Tender.Status.{status}"];

    public static string SeverityName(this IStringLocalizer<Strings> l, Severity severity) => l[$"Tender.Severity.{severity}"];

    public static string Bid(this IStringLocalizer<Strings> l, BidStatus status) => l[$"Tender.Bid.{status}"];

    public static string SeverityClass(Severity s) => s switch
    {
        Severity.High => "status-declined",
        Severity.Medium => "status-submitted",
        _ => "status-recommended",
    };

    public static string StatusClass(FlagStatus s) => s switch
    {
        FlagStatus.Open => "status-submitted",
        FlagStatus.Confirmed => "status-declined",
        FlagStatus.Dismissed => "status-accepted",
        _ => "status-recommended",
    };

    public static string Number(double? v) => v is { } d ? d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
