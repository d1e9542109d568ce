using Depc.Core.Storage;
using Depc.Server.Stores;

namespace Depc.Cli;

/// <summary>Runs a command body: opens the store, turns each kind of failure into its message and exit code.</summary>
internal static class CliAction
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliFailure e)
        {
            await console.Error.WriteLineAsync("depc: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (ArgumentException e)
        {
            await console.Error.WriteLineAsync("depc: " + WithoutParameterSuffix(e.Message)).ConfigureAwait(false);
            return ExitCodes.InvalidArguments;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await console.Error.WriteLineAsync("depc: configuration: " + string.Join("; ", e.Failures)).ConfigureAwait(false);
            return ExitCodes.InvalidArguments;
        }
        catch (StoreException e)
        {
            await console.Error.WriteLineAsync("depc: store: " + e.Message).ConfigureAwait(false);
            return ExitCodes.StoreUnavailable;
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync("depc: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            await console.Error.WriteLineAsync("depc: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    public static async Task<int> WithStoreAsync(CliConsole console, string? spec, Func<IGraphStore, Task<int>> body, CancellationToken cancellationToken) =>
        await RunAsync(
            console,
            async () =>
            {
                var store = await StoreLocator.OpenAsync(StoreLocator.Resolve(spec), cancellationToken).ConfigureAwait(false);
                await using (store.ConfigureAwait(false))
                {
                    return await body(store).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

    // ArgumentException appends " (Parameter 'x')": the message already names what is wrong.
    private static string WithoutParameterSuffix(string message)
    {
        var at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
