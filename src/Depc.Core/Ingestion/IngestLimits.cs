namespace Depc.Core.Ingestion;

/// <summary>
/// The bounds of SPEC §4 on what one message may make a team's graph hold, section <c>Depc:Limits</c> (environment
/// <c>DEPC_LIMITS__*</c>, for every command). They keep any team's input within memory and time the settings bound:
/// a message over one is rejected with a reason naming the limit and its setting, except periods, which are trimmed.
/// </summary>
public sealed class IngestLimits
{
    public const string Section = "Depc:Limits";

    public const int DefaultMaxNameBytes = 1024;
    public const int DefaultMaxLabelLength = 128;
    public const int DefaultMaxLabelsPerTeam = 10_000;
    public const int DefaultMaxPeriods = 1000;

    /// <summary>The longest node name, in bytes (default 1,024).</summary>
    public int MaxNameBytes { get; set; } = DefaultMaxNameBytes;

    /// <summary>The longest label, in characters (default 128).</summary>
    public int MaxLabelLength { get; set; } = DefaultMaxLabelLength;

    /// <summary>The most labels a team may have (default 10,000): each is a uniqueness constraint in Neo4j.</summary>
    public int MaxLabelsPerTeam { get; set; } = DefaultMaxLabelsPerTeam;

    /// <summary>The most periods a relationship keeps (default 1,000): older complete periods are dropped beyond.</summary>
    public int MaxPeriods { get; set; } = DefaultMaxPeriods;

    public static IngestLimits Default { get; } = new();

    /// <summary>The full name of a setting, as rejection reasons and errors print it.</summary>
    public static string Setting(string property) => $"{Section}:{property}";

    /// <summary>The settings that are out of range, each named with its range; empty when all are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, MaxNameBytes, 1, 1 << 20, nameof(MaxNameBytes));
        Check(problems, MaxLabelLength, 1, 65_536, nameof(MaxLabelLength));
        Check(problems, MaxLabelsPerTeam, 1, 1_000_000, nameof(MaxLabelsPerTeam));
        // Two at least: an open relationship recognises a replayed {from, to} by the period before its open one.
        Check(problems, MaxPeriods, 2, 1_000_000, nameof(MaxPeriods));
        return problems;
    }

    private static void Check(List<string> problems, int value, int min, int max, string property)
    {
        if (value < min || value > max)
        {
            problems.Add($"{Setting(property)} is {value}: it must be between {min} and {max}");
        }
    }
}
