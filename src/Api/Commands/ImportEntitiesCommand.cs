using FairDraw.Api.Access;
using FairDraw.Api.Csv;
using FairDraw.Api.Entities;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

public sealed class ImportEntitiesInput : NetCoreInput
{
    [Description("The CSV file (format: docs/entity-import-format.md)")]
    public string FileArg { get; set; } = "";

    [Description("Bearer token of the importing registrar, as the upload endpoint takes it (the token verb issues one for local use)")]
    public string TokenFlag { get; set; } = "";
}

[Description("Imports a CSV file into the entity directory, showing progress", Name = "import-entities")]
public sealed class ImportEntitiesCommand : JasperFxAsyncCommand<ImportEntitiesInput>
{
    public override async Task<bool> Execute(ImportEntitiesInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var now = host.Services.GetRequiredService<IClock>().GetCurrentInstant();
        await using var file = new UploadedFile(File.OpenRead(input.FileArg), Path.GetFileName(input.FileArg));
        try
        {
            var actor = await host.Services.GetRequiredService<TokenService>().ActorOfAsync(input.TokenFlag);
            var summary = await ImportWithProgressAsync(store, file, actor, now);
            Out.MarkupLineInterpolated($"[green]{summary.Rows} rows: {summary.Registered} registered, {summary.Updated} updated, {summary.Unchanged} unchanged ({summary.Events} events)[/]");
            return true;
        }
        catch (FileRejectedException rejected)
        {
            Error.MarkupLineInterpolated($"[red]{rejected.Message}; nothing was written[/]");
            foreach (var error in rejected.Errors)
            {
                Error.MarkupLineInterpolated($"  line {error.Line} [yellow]{error.Field}[/]: {error.Reason}");
            }

            return false;
        }
        catch (DomainException refused)
        {
            Error.MarkupLineInterpolated($"[red]{refused.Kind}[/] [yellow]{refused.Field}[/]: {refused.Message}; nothing was written");
            return false;
        }
    }

    /// <summary>Runs an import with a progress bar per stage.</summary>
    public static Task<ImportSummary> ImportWithProgressAsync(IDocumentStore store, UploadedFile file, Actor actor, Instant now) =>
        Error.Progress().StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            var progress = new Progress<ImportProgress>(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task))
                {
                    task = tasks[p.Stage] = context.AddTask(p.Stage, maxValue: Math.Max(p.Total, 1));
                }

                task.Value = p.Done;
            });
            return await EntityImport.RunAsync(store, file, actor, now, progress, CancellationToken.None);
        });
}
