using System.Text.Json.Serialization;
using FairDraw.Api.Access;
using FairDraw.Api.Commands;
using FairDraw.Api.Csv;
using FairDraw.Api.Draws;
using FairDraw.Api.Hosting;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.OpenApi;
using FairDraw.Api.Problems;
using FairDraw.Api.Reads;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Duty;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Results;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Scalar.AspNetCore;
using Spectre.Console;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

AnsiConsole.Console = VerbConsole.Error; // JasperFx's discovery, help and errors; verbs write to VerbConsole.Out
var builder = WebApplication.CreateBuilder(args);
// Warnings and errors only from the frameworks: ASP.NET Core alone would write four lines for every request.
builder.Logging.AddFilter("Marten", LogLevel.Warning).AddFilter("Wolverine", LogLevel.Warning)
    .AddFilter("JasperFx", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var settings = LedgerSettings.From(builder.Configuration);
var witnesses = WitnessSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(witnesses);
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<TokenService>();

// `migrate` alone connects as the schema's owner; the server and every other verb as the application role.
var dataSource = LedgerStoreOptions.CreateDataSource(
    MigrateCommand.Runs(args) ? settings.OwnerConnectionString ?? settings.ConnectionString : settings.ConnectionString);
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton(_ => new CheckpointSigner(
    SigningKeys.Load(settings.KeyDirectory, SigningKeys.LedgerKey), settings.Origin));
builder.Services.AddSingleton(services => new LedgerLog(
    dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>(), KeptCheckpointFile.In(settings.KeyDirectory),
    LedgerLogOptions.Default, services.GetRequiredService<ILogger<LedgerLog>>()));
builder.Services.AddSingleton(new LedgerCosignatures(dataSource, settings.Schema));
builder.Services.AddSingleton(services => new LedgerProofs(
    dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>().PublicKeyText(), services.GetRequiredService<LedgerCosignatures>(),
    witnesses.Policy));
builder.Services.AddSingleton<CheckpointWitnessing>();
builder.Services.AddSingleton(services => new DutyBundles(
    dataSource, settings.Schema, services.GetRequiredService<LedgerProofs>(), services.GetRequiredService<LedgerCosignatures>(),
    services.GetRequiredService<CheckpointSigner>().PublicKeyText(), witnesses.Policy));
builder.Services.AddHttpClient(CheckpointWitnessing.HttpClientName, client => client.Timeout = WitnessSettings.Timeout); // pooled: keep-alive
builder.Services.AddSingleton(services => new LedgerVerifier(dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>().PublicKeyText()));
builder.Services.AddSingleton(services => new DirectoryReplay(services.GetRequiredService<IDocumentStore>(), dataSource));
builder.Services.AddSingleton(new EntityPoolReader(dataSource, settings.Schema));
builder.Services.AddSingleton(new PublishedResultSearch(dataSource, settings.Schema));
builder.Services.AddSingleton(new FrozenPoolCopies(dataSource, settings.Schema));
builder.Services.AddSingleton(new AttachmentFiles(dataSource, settings.Schema));
builder.Services.AddSingleton<DrawPools>();
builder.Services.AddSingleton<RoundProofTrees>();
builder.Services.AddSingleton<DrawEvidence>();
builder.Services.AddSingleton<DrawResults>();
builder.Services.AddHeavyReads(HeavyReadSettings.From(builder.Configuration));
builder.Services.AddSingleton(DrandCheck.From(builder.Configuration));
builder.Services.AddSingleton<DrawSteps>();
builder.Services.AddSingleton<CurrentDraws>();
builder.Services.AddHostedService<LedgerLogWorker>();
builder.Services.AddHealthChecks().AddCheck<SignerHealth>("ledger-signer");
builder.Services
    .AddMarten(_ =>
    {
        var options = new StoreOptions();
        LedgerStoreOptions.Configure(options, dataSource, settings.Schema);
        return options;
    })
    .UseLightweightSessions()
    .IntegrateWithWolverine();

builder.Host.UseWolverine(options =>
{
    options.UseRuntimeCompilation();
    options.AutoBuildMessageStorageOnStartup = AutoCreate.None; // the application role may not create tables: `migrate` does
    options.ApplicationAssembly = typeof(Program).Assembly;
});
builder.Services.AddWolverineHttp();

builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; // a misspelt member is a 400, not silently dropped
    json.SerializerOptions.AllowDuplicateProperties = false; // {"uscc":"A","uscc":"B"} means nothing: a 400, not the last one
});

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
    .Configure<TokenService>((jwt, tokens) =>
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = tokens.ValidationParameters();
    });
builder.Services.AddAuthorization();
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
{
    BindingProblems.Name(context);
    EchoedValues.Cut(context);
});
builder.Services.AddExceptionHandler<ProblemDetailsMapping>();
builder.Services.AddOpenApi(openApi => openApi
    .AddDocumentTransformer<BearerSecurityScheme>()
    .AddOperationTransformer<OperationSecurity>()
    .AddOperationTransformer<CsvUploadBody>()
    .AddOperationTransformer<CountersignatureHeader>()
    .AddOperationTransformer<PositionInRouteSchema>()
    .AddOperationTransformer<PlaceholderDescription>()
    .AddOperationTransformer<ProblemResponses>()
    .AddSchemaTransformer<ValueSchemas>());

var app = builder.Build();
app.Use(SecurityHeaders.Add);
app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.Use(RequestChecks.Refuse);
app.UseAuthentication();
app.Use(ActorClaims.RefuseUnknownActors);
app.UseAuthorization();
app.Use(EchoedValues.KeepJsonBody);
app.UseRateLimiter();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs", scalar => scalar.DisableDefaultFonts()).AllowAnonymous(); // its fonts would come from a third party
app.MapWolverineEndpoints(options =>
{
    options.RequireAuthorizeOnAll();
    options.RejectUnparseableQueryValues = true;
});

// The server and every verb that reads a key stop here, in one line, when a key is missing (never making one).
if (SigningKeys.MissingFor(args, settings.KeyDirectory) is { Count: > 0 } missingKeys)
{
    Console.Error.WriteLine(SigningKeys.MissingKeyMessage(settings.KeyDirectory, missingKeys));
    return 1;
}

if (SigningKeys.ExposedFolderMessage(args, settings.KeyDirectory) is { } exposed)
{
    Console.Error.WriteLine(exposed);
    return 1;
}

return await app.RunJasperFxCommands(args);

/// <summary>The API host (also the entry point of the CLI verbs).</summary>
public partial class Program;
