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
        await ImportBenchmark.RunAsync(connectionString, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "append":
        await LedgerBenchmark.AppendAsync(connectionString);
        break;
    case "draw":
        await DrawBenchmark.RunAsync(connectionString);
        break;
    case "verify":
        await LedgerBenchmark.VerifyAsync(connectionString, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    case "lag":
        await LedgerBenchmark.LagAsync(
            connectionString,
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
        break;
    case "draw-core":
        DrawCoreBenchmark.Run(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 500);
        break;
    case "lists":
        await ListBenchmark.RunAsync(
            connectionString,
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16);
        break;
    case "log-restart":
        await LogRestartBenchmark.RunAsync(
            connectionString,
            args.Length > 2
                ? [.. args.Skip(2).Select(size => int.Parse(size, System.Globalization.CultureInfo.InvariantCulture))]
                : [10_000, 100_000, 1_000_000],
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    case "proofs":
        await ProofBenchmark.RunAsync(
            connectionString,
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2_000);
        break;
    case "dossiers":
        await DossierBenchmark.RunAsync(
            connectionString,
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "results":
        await ResultYearBenchmark.RunAsync(
            connectionString,
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 16,
            TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 10),
            args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 4_500);
        break;
    case "city-verify":
        return await CityVerifyBenchmark.RunAsync(
            connectionString,
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "fairdraw-city-round"));
    case "city-year":
        return await CityYearBenchmark.RunAsync(
            connectionString,
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "fairdraw-city-year"),
            args.Length > 3 ? args[3] : Path.Combine(FairDraw.Api.Tests.Support.Repository.Root, "verifier"));
    case "verify-bundle" when args.Length > 1:
        return BundleVerifyBenchmark.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    default:
        Console.Error.WriteLine("usage: FairDraw.Benchmarks <import [count] | append | verify | lag [seconds] [writers] [witnesses] | draw | draw-core [entities] [objects] [inspectors] | verify-bundle <evidence.json> [warm runs] | city-verify [runs] [round directory] | city-year [runs] [year directory] [duty verifier directory] | lists [seconds per case] [readers] | log-restart [runs] [leaves …] | proofs [runs] [leaves] [receipts in a batch] | dossiers [runs] [events] | results [runs] [writers] [readers] [seconds per read case] [objects]>");
        return 2;
}

return 0;
