using System.Text.Json.Serialization;
using FairDraw.Api.Access;
using FairDraw.Api.Draws;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddFilter("Marten", LogLevel.Warning).AddFilter("Wolverine", LogLevel.Warning);
var settings = LedgerSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<TokenService>();

var dataSource = LedgerStoreOptions.CreateDataSource(settings.ConnectionString);
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton(_ => new CheckpointSigner(
    KeyFiles.LoadOrCreateEcdsa(Path.Combine(settings.KeyDirectory, "ledger-signing.pem")), settings.Origin));
builder.Services.AddSingleton(services => new LedgerLog(
    dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>(), LedgerLogOptions.Default, services.GetRequiredService<ILogger<LedgerLog>>()));
builder.Services.AddSingleton(services => new LedgerProofs(dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>().PublicKeyText()));
builder.Services.AddSingleton(services => new LedgerVerifier(dataSource, settings.Schema, services.GetRequiredService<CheckpointSigner>().PublicKeyText()));
builder.Services.AddSingleton(services => new DirectoryReplay(services.GetRequiredService<IDocumentStore>(), dataSource));
builder.Services.AddSingleton(new EntityPoolReader(dataSource, settings.Schema));
builder.Services.AddSingleton(new FrozenPoolCopies(dataSource, settings.Schema));
builder.Services.AddSingleton<DrawPools>();
builder.Services.AddSingleton<DrawEvidence>();
builder.Services.AddSingleton<DrawSteps>();
builder.Services.AddHostedService<LedgerLogWorker>();
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
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = BindingProblems.Name);
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
app.UseExceptionHandler();
app.UseStatusCodePages();
app.Use(RequestChecks.Refuse);
app.UseAuthentication();
app.Use(ActorClaims.RefuseUnknownActors);
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs").AllowAnonymous();
app.MapWolverineEndpoints(options =>
{
    options.RequireAuthorizeOnAll();
    options.RejectUnparseableQueryValues = true;
});

return await app.RunJasperFxCommands(args);

/// <summary>The API host (also the entry point of the CLI verbs).</summary>
public partial class Program;
