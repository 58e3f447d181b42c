using FairDraw.Witness;

return await WitnessCommandLine.RunAsync(args, Console.Out, Console.Error);
