using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;

namespace Liandong.Client.Briefings;

/// <summary>Writes a briefing as .md, .docx (Open XML) and .xlsx (MiniExcel), from the same sections.</summary>
public static class BriefingWriters
{
    public static string Markdown(Briefing b)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(b.Title).AppendLine();
        md.Append($"{b.CityName}重点项目办　").AppendLine(Portal.Formatting.Date(DateOnly.FromDateTime(b.GeneratedAt.ToOffset(TimeSpan.FromHours(8)).DateTime), Briefing.Chinese)).AppendLine();
        foreach (var s in BriefingLayout.Sections(b))
        {
            md.Append("## ").AppendLine(s.Heading).AppendLine();
            foreach (var p in s.Paragraphs)
            {
                md.AppendLine(p).AppendLine();
            }

            if (s.Table.Length > 1)
            {
                md.Append("| ").AppendJoin(" | ", s.Table[0].Select(Cell)).AppendLine(" |");
                md.Append('|').AppendJoin("", s.Table[0].Select(_ => "---|")).AppendLine();
                foreach (var row in s.Table.Skip(1))
                {
                    md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
                }

                md.AppendLine();
            }
        }

        return md.ToString();
    }

    public static byte[] Docx(Briefing b)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(b.Title, bold: true, size: 36, center: true));
            body.Append(Paragraph($"{b.CityName}重点项目办　{Portal.Formatting.Date(DateOnly.FromDateTime(b.GeneratedAt.ToOffset(TimeSpan.FromHours(8)).DateTime), Briefing.Chinese)}",
                center: true));
            foreach (var s in BriefingLayout.Sections(b))
            {
                body.Append(Paragraph(s.Heading, bold: true, size: 32));
                foreach (var p in s.Paragraphs)
                {
                    body.Append(Paragraph(p));
                }

                if (s.Table.Length > 1)
                {
                    body.Append(Table(s.Table));
                    body.Append(Paragraph(""));
                }
            }

            // A4 landscape so the ranking table's columns fit.
            body.Append(new SectionProperties(
                new PageSize { Width = 16838U, Height = 11906U, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(Briefing b)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var s in BriefingLayout.Sections(b))
        {
            var rows = new List<Dictionary<string, object>>();
            var header = s.Table.Length > 0 ? s.Table[0] : ["说明"];
            foreach (var p in s.Paragraphs)
            {
                rows.Add(header.Select((h, i) => (h, v: i == 0 ? (object)p : "")).ToDictionary(x => x.h, x => x.v));
            }

            foreach (var row in s.Table.Skip(1))
            {
                rows.Add(header.Select((h, i) => (h, v: (object)(i < row.Length ? row[i] : ""))).ToDictionary(x => x.h, x => x.v));
            }

            if (rows.Count == 0)
            {
                rows.Add(header.ToDictionary(h => h, _ => (object)""));
            }

            sheets[s.SheetName] = rows;
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static Paragraph Paragraph(string text, bool bold = false, int size = 28, bool center = false)
    {
        var runProperties = new RunProperties(new RunFonts { EastAsia = "仿宋_GB2312", Ascii = "Times New Roman" }, new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        var paragraph = new Paragraph(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }

        return paragraph;
    }

    private static Table Table(IReadOnlyList<System.Collections.Immutable.ImmutableArray<string>> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        for (var r = 0; r < rows.Count; r++)
        {
            var tr = new TableRow();
            foreach (var text in rows[r])
            {
                tr.Append(new TableCell(Paragraph(text, bold: r == 0, size: 21)));
            }

            table.Append(tr);
        }

        return table;
    }
}
