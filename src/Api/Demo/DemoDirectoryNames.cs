namespace FairDraw.Api.Demo;

/// <summary>The fixed vocabularies the demo inspectors are drawn from: units, institutions, names and tags (places: <see cref="Guiyang"/>).</summary>
public static class DemoDirectoryNames
{
    public static readonly string[] CityUnits =
    [
        "贵阳市市场监督管理局执法支队",
        "贵阳市市场监督管理局特种设备安全监察处",
        "贵阳市市场监督管理局食品生产监督管理处",
        "贵阳市市场监督管理局计量处",
    ];

    /// <summary>The unit that engages external experts.</summary>
    public const string ExpertUnit = "贵阳市市场监督管理局";

    /// <summary>External experts' institutions, with the expertise and qualifications their experts bring.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Expertise, string[] Qualifications)> Institutions =
    [
        ("贵州省产品质量检验检测院", ["产品质量", "认证认可"], ["高级工程师", "检验检测授权签字人"]),
        ("贵州省计量测试院", ["计量"], ["注册计量师", "高级工程师"]),
        ("贵州省特种设备检验检测院", ["特种设备"], ["特种设备检验师", "高级工程师"]),
        ("贵州省食品药品检验所", ["食品安全", "药品"], ["执业药师", "检验检测授权签字人"]),
        ("贵州省分析测试研究院", ["食品安全", "产品质量"], ["研究员", "高级工程师"]),
        ("贵州省纤维检验局", ["产品质量"], ["检验检测授权签字人", "工程师"]),
        ("贵阳市产品质量检验检测院", ["产品质量", "计量"], ["工程师", "检验检测授权签字人"]),
        ("贵州大学", ["知识产权", "食品安全", "企业公示信息"], ["教授", "副教授"]),
    ];

    public static readonly string[] Expertise = ["食品安全", "特种设备", "产品质量", "计量", "认证认可", "广告", "价格", "药品", "企业公示信息", "知识产权"];

    /// <summary>The qualification a staff inspector of an expertise may hold besides the enforcement qualification.</summary>
    public static readonly IReadOnlyDictionary<string, string> StaffQualifications = new Dictionary<string, string>
    {
        ["食品安全"] = "食品检查员",
        ["特种设备"] = "特种设备安全监察员",
        ["计量"] = "计量检定员",
        ["药品"] = "药品检查员",
        ["价格"] = "价格监督检查资格",
        ["广告"] = "广告监测员",
    };

    public const string EnforcementQualification = "行政执法资格";

    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "杜",
        "龙", "吕", "丁", "任", "卢", "姚", "沈", "钟", "石", "韦",
    ];

    public static readonly string[] GivenNameCharacters =
    [
        "建", "国", "明", "华", "伟", "芳", "丽", "敏", "静", "军", "强", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞",
        "平", "刚", "桂", "英", "红", "玲", "文", "斌", "宇", "浩", "凯", "鑫", "婷", "雪", "琳", "欣", "怡", "晨", "阳", "俊",
        "峰", "辉", "波", "萍", "燕", "慧", "颖", "佳", "丹", "黔",
    ];

    public static readonly string[] SuspensionReasons = ["接受纪律审查", "长期病假", "借调外单位"];

    public static readonly string[] ConflictReasons =
    [
        "配偶在该企业任职",
        "近三年曾在该企业任职",
        "近亲属为该企业股东",
        "与该企业负责人存在利害关系",
    ];
}
