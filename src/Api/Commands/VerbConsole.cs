using Spectre.Console;

namespace FairDraw.Api.Commands;

/// <summary>
/// Where the verbs write. JasperFx announces its command discovery ("Searching … for commands") on every run through
/// Spectre's static <see cref="AnsiConsole"/>, with no switch to silence it, so Program points that console at stderr
/// (with JasperFx's help and errors) and the verbs write their output to <see cref="Out"/>: stdout carries only a
/// verb's output, and <c>T=$(… token …)</c> captures the token alone.
/// </summary>
public static class VerbConsole
{
    /// <summary>
    /// Spectre wraps at 80 columns when it writes into a file or a pipe (it has no terminal to measure), which broke the
    /// commands the demo prints; there a line is as long as it is.
    /// </summary>
    private const int UnwrappedWidth = 100_000;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }
}
