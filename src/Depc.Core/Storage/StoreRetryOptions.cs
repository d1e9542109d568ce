namespace Depc.Core.Storage;

/// <summary>How <see cref="StoreRetry"/> retries a store-wide failure.</summary>
public sealed class StoreRetryOptions
{
    /// <summary>Tries in all, the first included; <see cref="int.MaxValue"/> retries forever. Default forever.</summary>
    public int Attempts { get; init; } = int.MaxValue;

    /// <summary>First delay (exponential, jittered). Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two tries. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
