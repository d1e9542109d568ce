namespace Depc.Core.Messages;

/// <summary>The keys a message may have; each value is one bit so that duplicates are cheap to spot.</summary>
[Flags]
internal enum MessageKey
{
    None = 0,
    Source = 1 << 0,
    Target = 1 << 1,
    Rel = 1 << 2,
    SourceLabel = 1 << 3,
    SourceName = 1 << 4,
    SourceFrom = 1 << 5,
    SourceTo = 1 << 6,
    TargetLabel = 1 << 7,
    TargetName = 1 << 8,
    TargetFrom = 1 << 9,
    TargetTo = 1 << 10,
    RelFrom = 1 << 11,
    RelTo = 1 << 12,
    Metadata = 1 << 13,
    Unknown = 1 << 14,

    Nested = Source | Target | Rel,
    Flat = SourceLabel | SourceName | SourceFrom | SourceTo | TargetLabel | TargetName | TargetFrom | TargetTo | RelFrom | RelTo,
}
