using MudBlazor;

namespace Liandong.Client.Portal;

/// <summary>The portal's look: a government blue, red for warnings, Chinese system fonts first, dense type.</summary>
public static class PortalTheme
{
    public const string Green = "#2e7d32";
    public const string Yellow = "#f9a825";
    public const string Red = "#c62828";

    private static readonly string[] Fonts =
        ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f91",
            Secondary = "#c62828",
            Tertiary = "#00796b",
            AppbarBackground = "#1d4f91",
            Background = "#f3f5f8",
            DrawerBackground = "#ffffff",
            Success = Green,
            Warning = Yellow,
            Error = Red,
            TextPrimary = "#1f2933",
            TextSecondary = "#52606d",
            TableLines = "#e4e7eb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = "0.875rem", LineHeight = "1.5" },
            H5 = new H5Typography { FontFamily = Fonts, FontSize = "1.25rem", FontWeight = "600" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1rem", FontWeight = "600" },
            Subtitle2 = new Subtitle2Typography { FontFamily = Fonts, FontSize = "0.8125rem", FontWeight = "600" },
            Body2 = new Body2Typography { FontFamily = Fonts, FontSize = "0.8125rem" },
            Caption = new CaptionTypography { FontFamily = Fonts, FontSize = "0.75rem" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", AppbarHeight = "52px" },
    };
}
