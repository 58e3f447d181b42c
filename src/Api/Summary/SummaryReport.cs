using System.Globalization;
using System.Xml.Linq;
using FairDraw.Ledger;

namespace FairDraw.Api.Summary;

/// <summary>
/// The year-end summary as a printable HTML page, built as elements (every value from the data goes in as a text node
/// or attribute, so it is encoded) with SVG bar charts drawn here; styled by <see cref="StylesheetPath"/> (summary.css,
/// served with the portal's files: it holds no data) under the site's policy (no inline style or script).
/// </summary>
public static class SummaryReport
{
    public const string StylesheetPath = "/portal/assets/summary.css";

    /// <summary>The width in SVG units of a 100% bar; a bar is <c>percent / 100 × BarScale</c> wide.</summary>
    public const double BarScale = 400;

    private const double LabelWidth = 150;
    private const double RowHeight = 26;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The report's language: zh-CN unless <c>en</c> is asked for.</summary>
    public static bool Language(string? lang) => lang switch
    {
        null or "zh-CN" => false,
        "en" => true,
        _ => throw DomainException.Invalid("lang", $"语言须为 zh-CN 或 en / lang must be zh-CN or en, got '{lang}'"),
    };

    public static string Render(YearSummary summary, bool english)
    {
        string t(string zh, string en) => english ? en : zh;
        var title = t($"{summary.Year}年度双随机抽查工作总结（{summary.Jurisdiction}）", $"Year-end summary {summary.Year} ({summary.Jurisdiction})");
        var html = new XElement("html",
            new XAttribute("lang", english ? "en" : "zh-CN"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", title),
                new XElement("link", new XAttribute("rel", "stylesheet"), new XAttribute("href", StylesheetPath))),
            new XElement("body",
                new XElement("header",
                    new XElement("h1", title),
                    new XElement("p", new XAttribute("class", "meta"),
                        t("统计日期", "Measured on") + ": " + summary.MeasuredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " · "
                        + t("内部报告，报送省局；数据取自账本投影", "Internal report to the province; figures from the ledger's projections"))),
                new XElement("section", new XAttribute("class", "figures"),
                    new XElement("h2", t("一、分辖区主要指标", "1. Figures per jurisdiction")),
                    FiguresTable(summary, t)),
                new XElement("section", new XAttribute("class", "charts"),
                    new XElement("h2", t("二、图表", "2. Charts")),
                    Chart("coverage", t("事项覆盖率", "Item coverage"), summary, row => row.Coverage.Percent, t),
                    Chart("on-time", t("按时公示率", "Published on time"), summary, row => row.Results?.OnTimePercent, t),
                    Chart("closure", t("后续处置办结率", "Follow-ups closed"), summary, row => row.FollowUpClosurePercent, t)),
                new XElement("section", new XAttribute("class", "officials"),
                    new XElement("h2", t("三、抽取调整（按人员）", "3. Draw adjustments per official")),
                    summary.Rows.Select(row => OfficialsTable(row, t))),
                new XElement("footer",
                    new XElement("p", t(
                        "各项指标的定义见 docs/summary.md；比例以百分比表示，分母为零时记为“—”。",
                        "Each figure is defined in docs/summary.md; shares are percentages, \"—\" where the base is zero.")))));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement FiguresTable(YearSummary summary, Func<string, string, string> t)
    {
        string[] heads =
        [
            t("辖区", "Jurisdiction"), t("清单事项", "Items in force"), t("计划覆盖", "Covered"), t("覆盖率", "Coverage"),
            t("存续企业（计划基数）", "Existing enterprises (plans' basis)"), t("计划抽查比例", "Planned sample"),
            t("实际抽取比例", "Drawn sample"), t("录入结果", "Results entered"), t("审批", "Approved"), t("公示", "Published"),
            t("按时公示", "On time"), t("不予公示（申请/确认）", "Exemptions (filed / acknowledged)"),
            t("后续处置（开启/办结）", "Follow-ups (opened / closed)"), t("办结率", "Closure"),
        ];
        return new XElement("table", new XAttribute("class", "figures"),
            new XElement("thead", new XElement("tr", heads.Select(head => new XElement("th", head)))),
            new XElement("tbody", summary.Rows.Select(row => new XElement("tr",
                new XAttribute("data-jurisdiction", Key(row)),
                Cell(RowName(row, t)),
                Cell(row.Coverage.Items),
                Cell(row.Coverage.Covered),
                Cell(Percent(row.Coverage.Percent)),
                Cell(row.Sample.ExistingEnterprises),
                Cell($"{row.Sample.PlannedSample} ({Percent(row.Sample.PlannedPercent)})"),
                Cell($"{row.Sample.DrawnSample} ({Percent(row.Sample.DrawnPercent)})"),
                Cell(row.Results?.ResultsEntered ?? 0),
                Cell(row.Results?.Approved ?? 0),
                Cell(row.Results?.Published ?? 0),
                Cell($"{row.Results?.PublishedOnTime ?? 0} ({Percent(row.Results?.OnTimePercent)})"),
                Cell($"{row.ExemptionsFiled} / {row.ExemptionsAcknowledged}"),
                Cell($"{row.Results?.FollowUpsOpened ?? 0} / {row.Results?.FollowUpsClosed ?? 0}"),
                Cell(Percent(row.FollowUpClosurePercent))))));
    }

    private static XElement OfficialsTable(SummaryRow row, Func<string, string, string> t)
    {
        string[] heads =
        [
            t("人员", "Official"), t("完成分派", "Draws assigned"), t("替换对象", "Substitutions"), t("调整检查人员", "Reassignments"),
            t("其中合理调整", "of them manual"), t("审批调整", "Adjustments approved"), t("搁置轮次（重抽）", "Rounds set aside (redraws)"),
            t("审批搁置", "Set-asides approved"),
        ];
        return new XElement("div", new XAttribute("class", "official-block"), new XAttribute("data-jurisdiction", Key(row)),
            new XElement("h3", RowName(row, t)),
            row.Officials.Count == 0
                ? new XElement("p", t("本年度无抽取调整记录。", "No draw adjustments this year."))
                : new XElement("table", new XAttribute("class", "officials"),
                    new XElement("thead", new XElement("tr", heads.Select(head => new XElement("th", head)))),
                    new XElement("tbody", row.Officials.Select(official => new XElement("tr",
                        Cell(official.Official), Cell(official.DrawsAssigned), Cell(official.Substitutions), Cell(official.Reassignments),
                        Cell(official.ManualReassignments), Cell(official.AdjustmentsApproved), Cell(official.RoundsSetAside),
                        Cell(official.SetAsidesApproved))))));
    }

    /// <summary>A horizontal bar per row, <see cref="BarScale"/> units for 100%; a row without a base has no bar and reads "—".</summary>
    private static XElement Chart(
        string name, string title, YearSummary summary, Func<SummaryRow, double?> percent, Func<string, string, string> t)
    {
        var width = LabelWidth + BarScale + 70;
        var height = RowHeight * summary.Rows.Count + 10;
        return new XElement("figure", new XAttribute("class", "chart"),
            new XElement("figcaption", title),
            new XElement(Svg + "svg",
                new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
                new XAttribute("width", Number(width)),
                new XAttribute("height", Number(height)),
                new XAttribute("role", "img"),
                new XAttribute("aria-label", title),
                new XAttribute("data-chart", name),
                summary.Rows.Select((row, i) =>
                {
                    var y = i * RowHeight + 5;
                    var value = percent(row);
                    return new XElement(Svg + "g",
                        new XAttribute("data-jurisdiction", Key(row)),
                        new XElement(Svg + "text", new XAttribute("x", "0"), new XAttribute("y", Number(y + 16)), RowName(row, t)),
                        new XElement(Svg + "rect", new XAttribute("class", "track"), new XAttribute("x", Number(LabelWidth)),
                            new XAttribute("y", Number(y + 3)), new XAttribute("width", Number(BarScale)), new XAttribute("height", "16")),
                        value is { } share
                            ? new XElement(Svg + "rect", new XAttribute("class", "bar"), new XAttribute("data-percent", Number(share)),
                                new XAttribute("x", Number(LabelWidth)), new XAttribute("y", Number(y + 3)),
                                new XAttribute("width", Number(share / 100 * BarScale)), new XAttribute("height", "16"))
                            : null,
                        new XElement(Svg + "text", new XAttribute("class", "value"),
                            new XAttribute("x", Number(LabelWidth + BarScale + 6)),
                            new XAttribute("y", Number(y + 16)), Percent(value)));
                })));
    }

    private static string RowName(SummaryRow row, Func<string, string, string> t) =>
        row.Total ? t($"{row.Jurisdiction} 合计", $"{row.Jurisdiction} total") : row.Jurisdiction;

    private static string Key(SummaryRow row) => row.Total ? $"{row.Jurisdiction}-total" : row.Jurisdiction;

    private static XElement Cell(object value) => new("td", Convert.ToString(value, CultureInfo.InvariantCulture));

    private static string Percent(double? value) => value is { } share ? Number(share) + "%" : "—";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
