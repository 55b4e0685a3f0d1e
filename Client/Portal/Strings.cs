using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Liandong.Client.Portal;

/// <summary>
/// The portal's text: Strings.resx holds Simplified Chinese (the neutral, default language), Strings.en.resx
/// English. Pages read it through <c>IStringLocalizer&lt;Strings&gt;</c>; no text is written in a page.
/// </summary>
public sealed class Strings;
