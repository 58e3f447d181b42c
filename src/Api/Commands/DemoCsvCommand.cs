using FairDraw.Api.Demo;
using FairDraw.Api.Entities;
using JasperFx.CommandLine;

namespace FairDraw.Api.Commands;

public sealed class DemoCsvInput
{
    [Description("The CSV file to write")]
    public string FileArg { get; set; } = "";

    [Description("Number of entities (default 1,000,000)")]
    public int CountFlag { get; set; } = 1_000_000;
}

[Description("Writes a deterministic demo entity CSV (for benchmarks and imports)", Name = "demo-csv")]
public sealed class DemoCsvCommand : JasperFxCommand<DemoCsvInput>
{
    public override bool Execute(DemoCsvInput input)
    {
        using var writer = new StreamWriter(input.FileArg);
        EntityCsv.Write(writer, DemoEntities.Generate(input.CountFlag));
        Console.WriteLine($"wrote {input.CountFlag:N0} entities to {input.FileArg}");
        return true;
    }
}
