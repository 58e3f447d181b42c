using System.Text;
using FairDraw.Api.Csv;
using FairDraw.Api.Items;

namespace FairDraw.Api.Tests.Items;

/// <summary>The CSV reader on its own (no host): which line and column each kind of bad file is blamed on.</summary>
public sealed class ReadingItemListFiles
{
    private const string Header = "categoryCode,categoryName,code,name,objectTypes,kind,methods,responsibleDepartment,legalBasis,level\n";
    private const string Row = "16,价格,16-01,明码标价情况的检查,企业,一般,实地核查,价格监督检查和反不正当竞争处,《中华人民共和国价格法》第三十四条,区县\n";

    [Fact]
    public void A_valid_file_keeps_categories_in_first_appearance_and_items_in_file_order()
    {
        var file = ItemListCsv.Read(new UploadedFile(new MemoryStream(Bytes(Header + Row.Replace("16-01", "16-02", StringComparison.Ordinal) + Row.Replace("16,价格,", "17,反不正当竞争,", StringComparison.Ordinal).Replace("16-01", "17-01", StringComparison.Ordinal) + Row)), "ok.csv"));

        Assert.Equal(["16", "17"], file.Categories.Select(c => c.Code));
        Assert.Equal(["16-02", "17-01", "16-01"], file.Items.Select(i => i.Code));
    }

    [Fact]
    public void A_file_in_another_encoding_is_blamed_on_its_first_non_utf8_line()
    {
        byte[] gbk = [.. Bytes(Header + Row), 0xD6, 0xD0, 0xCE, 0xC4, (byte)'\n'];

        Assert.Equal([new LineError(3, "", "文件不是UTF-8编码（Excel请另存为“CSV UTF-8”） / the file is not UTF-8 (in Excel, save as \"CSV UTF-8\")")], Rejected(gbk).Errors);
    }

    [Theory]
    [InlineData("16,价格,16-02,\"未闭合的引号,企业,一般,实地核查,处,依据,区县\n", 3, "")]
    [InlineData("16,价格,16-02,\"名称\"多余,企业,一般,实地核查,处,依据,区县\n", 3, "")]
    [InlineData("16,价格,16-02,少一列,企业,一般,实地核查,处,区县\n", 3, "")]
    [InlineData("16,价格,16-01,重复编码,企业,一般,实地核查,处,依据,区县\n", 3, "code")]
    [InlineData("16,价格,16-02,空的检查对象,;,一般,实地核查,处,依据,区县\n", 3, "objectTypes")]
    [InlineData("16,价格调整,16-02,类别名称不一致,企业,一般,实地核查,处,依据,区县\n", 3, "categoryName")]
    [InlineData("1 6,价格,16-02,类别编码无效,企业,一般,实地核查,处,依据,区县\n", 3, "categoryCode")]
    public void A_bad_line_is_named_with_its_column(string badLine, int line, string field)
    {
        var error = Assert.Single(Rejected(Bytes(Header + Row + badLine)).Errors);
        Assert.Equal((line, field), (error.Line, error.Field));
    }

    [Fact]
    public void A_quoted_line_break_moves_the_following_records_down_a_line()
    {
        var errors = Rejected(Bytes(Header + "16,价格,16-02,名称,企业,一般,实地核查,处,\"两行\n依据\",区县\n" + Row.Replace(",区县", ",省级", StringComparison.Ordinal))).Errors;
        Assert.Equal((4, "level"), Assert.Single(errors.Select(e => (e.Line, e.Field))));
    }

    [Fact]
    public void Header_problems_name_every_unknown_repeated_and_missing_column()
    {
        var errors = Rejected(Bytes("类别编码,抽查类别,编号,code,事项编码,name,检查对象,kind,methods,责任部门,检查依据\n" + Row)).Errors;
        Assert.Equal([(1, "编号"), (1, "code"), (1, "level")], errors.Select(e => (e.Line, e.Field)));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static FileRejectedException Rejected(byte[] file) => Assert.Throws<FileRejectedException>(() => ItemListCsv.Read(new UploadedFile(new MemoryStream(file), "bad.csv")));
}
