using System.Globalization;

namespace Liandong.Client.Spreadsheets;

/// <summary>One column of an exported list: its Chinese header and how a row's cell is read.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// The one way every list the portal shows becomes an .xlsx: a header row of Chinese headers, then one row per item
/// in the list's own order. Amounts stay numbers in 万元 (the header says so), dates read yyyy-MM-dd, and a missing value
/// is an empty cell, so a sheet sums and filters as officials expect.
/// </summary>
public static class ListExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Xlsx<T>(string sheetName, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> items) =>
        Workbook.Write(sheetName, [.. columns.Select(c => new SheetColumn(c.Header))],
            items.Select(item => (IReadOnlyList<object?>)[.. columns.Select(c => Cell(c.Value(item)))]));

    private static object? Cell(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        double x => (decimal)x,
        long n => (decimal)n,
        _ => value,
    };
}
