namespace Depc.Core.Storage;

/// <summary>Every message has exactly one outcome (SPEC §4).</summary>
public enum MessageOutcome : byte
{
    Accepted,
    Duplicate,
    Rejected,
}
