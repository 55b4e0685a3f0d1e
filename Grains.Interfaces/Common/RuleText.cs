using System.Globalization;

namespace Liandong;

/// <summary>
/// A shared input rule's refusal: the English text the API and the grains answer (<see cref="Text"/>), and a key with
/// arguments a portal form writes in its own language (Strings.resx "Workbench.Rule.{Key}", the English text when the
/// key is unknown there). <paramref name="English"/> is a composite format when <paramref name="Args"/> are given.
/// </summary>
public sealed record RuleText(string Key, string English, params object?[] Args)
{
    /// <summary>What the API and the grains answer.</summary>
    public string Text => Args.Length == 0 ? English : string.Format(CultureInfo.InvariantCulture, English, Args);

    public override string ToString() => Text;
}
