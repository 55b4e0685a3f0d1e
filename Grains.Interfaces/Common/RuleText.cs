using System.Globalization;

namespace Liandong;

/// <summary>
/// A shared input rule's refusal: the English text the API and the grains answer (<see cref="Text"/>), and a key with
/// arguments a portal form writes in its own language (Strings.resx "Workbench.Rule.{Key}", the English text when the
/// key is unknown there). <paramref name="English"/> is a composite format when <paramref name="Args"/> are given. A grain's
/// refusal carries one too (<see cref="DomainException.Rule"/>), so that a form shows it in the portal's language.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.RuleText")]
public sealed record RuleText([property: Id(0)] string Key, [property: Id(1)] string English, [property: Id(2)] params object?[] Args)
{
    /// <summary>What the API and the grains answer.</summary>
    public string Text => Args.Length == 0 ? English : string.Format(CultureInfo.InvariantCulture, English, Args);

    public override string ToString() => Text;
}
