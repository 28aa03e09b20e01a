using FgCrossNet.IO;

namespace FgCrossNet.Cli.Commands;

/// <summary>Runs a command body and turns the errors a user can fix into one clear line on stderr and exit code 2.</summary>
internal static class CommandRunner
{
    public const int InputError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InvalidInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
    }
}
