using Depc.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace Depc.Server.Options;

/// <summary>Reads the bounds of SPEC §4 (<see cref="IngestLimits.Section"/>), for serve and for every command that ingests.</summary>
public sealed class LimitsSettings : IValidateOptions<IngestLimits>
{
    public ValidateOptionsResult Validate(string? name, IngestLimits options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <exception cref="ArgumentException">A setting is not a whole number, or out of its range; the message names it.</exception>
    public static IngestLimits Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var limits = new IngestLimits();
        try
        {
            configuration.GetSection(IngestLimits.Section).Bind(limits);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{e.Message} (the {IngestLimits.Section} settings are whole numbers)", e);
        }

        return limits.Problems() is { Count: > 0 } problems ? throw new ArgumentException(string.Join("; ", problems)) : limits;
    }

    /// <summary>The limits of the environment (<c>DEPC_LIMITS__…</c>): what every command but serve uses.</summary>
    public static IngestLimits FromEnvironment() => Read(new ConfigurationBuilder().AddDepcEnvironment().Build());
}
