using System.Collections.Immutable;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Liandong.Client.Spreadsheets;

/// <summary>A column of a sheet: its header and, for an enum, the values the cell may take (a drop-down in Excel).</summary>
public sealed record SheetColumn(string Header, ImmutableArray<string> Choices = default);

/// <summary>
/// Writes one-sheet .xlsx files with Open XML: a header row, data rows (numbers as numbers, text as text) and a
/// drop-down list (data validation) on every column that has choices, for the import templates and the exports.
/// </summary>
public static class Workbook
{
    public static byte[] Write(string sheetName, IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, columns.Select(c => (object?)c.Header).ToList()));
            var r = 1u;
            foreach (var row in rows)
            {
                data.Append(Row(++r, row));
            }

            var worksheet = new Worksheet(
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(12, c.Header.Length * 2.2), CustomWidth = true })),
                data);
            var validations = columns
                .Select((c, i) => (c, i))
                .Where(x => !x.c.Choices.IsDefaultOrEmpty)
                .Select(x => new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = x.c.Header,
                    Error = "请从下拉列表中选择：" + string.Join("、", x.c.Choices),
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{ColumnName(x.i)}2:{ColumnName(x.i)}5000" },
                    Formula1 = new Formula1("\"" + string.Join(",", x.c.Choices) + "\""),
                })
                .ToList();
            if (validations.Count > 0)
            {
                worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>"A" for 0, "Z" for 25, "AA" for 26.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }

        return name;
    }

    private static Row Row(uint index, IReadOnlyList<object?> values)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(values[i] switch
            {
                null => new Cell { CellReference = reference },
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) },
                int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                var v => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")) },
            });
        }

        return row;
    }
}
