extern alias api;

using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.LedgerIntegrity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Wolverine;

namespace FairDraw.Benchmarks;

/// <summary>
/// The API in the benchmark's process on its own schema and keys, on the demo's clock, integrating only when asked;
/// with a witness, its checkpoints are submitted to that in-process witness.
/// </summary>
internal static class InProcessApi
{
    public static async Task<IAlbaHost> StartAsync(
        string connectionString, string schema, string keys, DemoClock clock, BenchWitness? witness = null)
    {
        // The in-process host's content root is this folder (the API's files are copied beside the benchmark), not a
        // project folder beside the solution, which is what the test factory looks for otherwise.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FAIRDRAW_API", AppContext.BaseDirectory);
        return await AlbaHost.For<api::Program>(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("FAIRDRAW_DATABASE", connectionString);
            builder.UseSetting("Ledger:Schema", schema);
            builder.UseSetting("Ledger:KeyDirectory", keys);
            builder.UseSetting("Ledger:IntegrateInBackground", "false");
            if (witness is not null)
            {
                builder.UseSetting("Ledger:Witnesses:0:Url", $"http://{BenchWitness.Host}/");
                builder.UseSetting("Ledger:Witnesses:0:Key", witness.Cosigner.Key.VerifierKeyText());
                builder.UseSetting("Logging:LogLevel:System.Net.Http.HttpClient", "Warning"); // a line per checkpoint otherwise
            }

            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<IClock>(clock);
                if (witness is not null)
                {
                    services.AddHttpClient(CheckpointWitnessing.HttpClientName).ConfigurePrimaryHttpMessageHandler(witness.NewHandler);
                }
            });
        });
    }
}
