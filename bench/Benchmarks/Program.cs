using FairDraw.Benchmarks;

// Usage: dotnet run -c Release --project bench/Benchmarks -- <import [count] | append | verify [runs] | lag [seconds] [writers] [witnesses] | draw
//                                                            | draw-core [entities] [objects] [inspectors]
//                                                            | verify-bundle <evidence.json> [warm runs]
//                                                            | city-verify [runs] [round directory]
//                                                            | city-year [runs] [year directory] [duty verifier directory]
//                                                            | lists [seconds per case] [readers]
//                                                            | log-restart [runs] [leaves …]
//                                                            | proofs [runs] [leaves] [receipts in a batch]
//                                                            | dossiers [runs] [events]
//                                                            | results [runs] [writers] [readers] [seconds per read case] [objects]>
// (verify, draw, lists and results read the ledger the import benchmark leaves in schema bench_import, so run import first;
// draw-core and verify-bundle need no database; log-restart, proofs, dossiers, city-verify and city-year make their own
// schemas.)
// Connection: FAIRDRAW_DATABASE, or the embedded server started by scripts/postgres.sh (port FAIRDRAW_PG_PORT).
var connectionString = Environment.GetEnvironmentVariable("FAIRDRAW_DATABASE") is { Length: > 0 } configured
    ? configured
    : FairDraw.Api.Hosting.LedgerSettings.EmbeddedConnectionString(
        Environment.GetEnvironmentVariable("FAIRDRAW_PG_PORT"), "fairdraw_bench", "postgres");

switch (args.FirstOrDefault())
{
    case "import":
        await ImportBenchmark.RunAsync(connectionString, Arg(1, 1_000_000));
        break;
    case "append":
        await LedgerBenchmark.AppendAsync(connectionString);
        break;
    case "draw":
        await DrawBenchmark.RunAsync(connectionString);
        break;
    case "verify":
        await LedgerBenchmark.VerifyAsync(connectionString, Arg(1, 5));
        break;
    case "lag":
        await LedgerBenchmark.LagAsync(
            connectionString,
            TimeSpan.FromSeconds(Arg(1, 30)),
            Arg(2, 4),
            Arg(3, 0));
        break;
    case "draw-core":
        DrawCoreBenchmark.Run(
            Arg(1, 1_000_000),
            Arg(2, 10_000),
            Arg(3, 500));
        break;
    case "lists":
        await ListBenchmark.RunAsync(
            connectionString,
            TimeSpan.FromSeconds(Arg(1, 10)),
            Arg(2, 16));
        break;
    case "log-restart":
        await LogRestartBenchmark.RunAsync(
            connectionString,
            args.Length > 2
                ? [.. args.Skip(2).Select(size => int.Parse(size, System.Globalization.CultureInfo.InvariantCulture))]
                : [10_000, 100_000, 1_000_000],
            Arg(1, 5));
        break;
    case "proofs":
        await ProofBenchmark.RunAsync(
            connectionString,
            Arg(1, 5),
            Arg(2, 1_000_000),
            Arg(3, 2_000));
        break;
    case "dossiers":
        await DossierBenchmark.RunAsync(
            connectionString,
            Arg(1, 5),
            Arg(2, 1_000_000));
        break;
    case "results":
        await ResultYearBenchmark.RunAsync(
            connectionString,
            Arg(1, 5),
            Arg(2, 8),
            Arg(3, 16),
            TimeSpan.FromSeconds(Arg(4, 10)),
            Arg(5, 4_500));
        break;
    case "city-verify":
        return await CityVerifyBenchmark.RunAsync(
            connectionString,
            Arg(1, 5),
            args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "fairdraw-city-round"));
    case "city-year":
        return await CityYearBenchmark.RunAsync(
            connectionString,
            Arg(1, 5),
            args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "fairdraw-city-year"),
            args.Length > 3 ? args[3] : Path.Combine(FairDraw.Api.Tests.Support.Repository.Root, "verifier"));
    case "verify-bundle" when args.Length > 1:
        return BundleVerifyBenchmark.Run(args[1], Arg(2, 3));
    default:
        Console.Error.WriteLine("usage: FairDraw.Benchmarks <import [count] | append | verify | lag [seconds] [writers] [witnesses] | draw | draw-core [entities] [objects] [inspectors] | verify-bundle <evidence.json> [warm runs] | city-verify [runs] [round directory] | city-year [runs] [year directory] [duty verifier directory] | lists [seconds per case] [readers] | log-restart [runs] [leaves …] | proofs [runs] [leaves] [receipts in a batch] | dossiers [runs] [events] | results [runs] [writers] [readers] [seconds per read case] [objects]>");
        return 2;
}

return 0;

// The positional number at index, or the verb's default when it is absent.
int Arg(int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
