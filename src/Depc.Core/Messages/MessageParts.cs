namespace Depc.Core.Messages;

/// <summary>What has been read of a message so far, in either form; turned into a message once the object ends.</summary>
internal struct MessageParts
{
    public MessageKey Seen;
    public NodeSpec? Source;
    public NodeSpec? Target;
    public RelSpec? Rel;
    public string? SourceLabel;
    public string? SourceName;
    public string? TargetLabel;
    public string? TargetName;
    public long? SourceFrom;
    public long? SourceTo;
    public long? TargetFrom;
    public long? TargetTo;
    public long? RelFrom;
    public long? RelTo;

    public readonly DecodeResult Build(string path)
    {
        if ((Seen & MessageKey.Source) != 0)
        {
            var flat = Seen & MessageKey.Flat;
            return flat != 0
                ? DecodeResult.Invalid($"{path}.{MessageKeys.FirstName(flat)}", "is not allowed in a nested message (it has 'source')")
                : DecodeResult.Valid(new GraphMessage(Source!, Target, Target is null ? null : Rel));
        }

        var nested = Seen & MessageKey.Nested;
        if (nested != 0)
        {
            return DecodeResult.Invalid($"{path}.{MessageKeys.FirstName(nested)}", "needs 'source': a nested message has a source node");
        }

        return BuildFlat(path);
    }

    private readonly DecodeResult BuildFlat(string path)
    {
        if (Seen == MessageKey.None)
        {
            return DecodeResult.Invalid(path, "needs 'source' (nested form) or 'source_label' and 'source_name' (flat form)");
        }

        if (SourceLabel is null)
        {
            return DecodeResult.Invalid(path + ".source_label", "is required");
        }

        if (SourceName is null)
        {
            return DecodeResult.Invalid(path + ".source_name", "is required");
        }

        var source = new NodeSpec(SourceLabel, SourceName, SourceFrom, SourceTo);
        if (TargetLabel is null && TargetName is null)
        {
            var orphan = Seen & (MessageKey.TargetFrom | MessageKey.TargetTo);
            return orphan != 0
                ? DecodeResult.Invalid($"{path}.{MessageKeys.FirstName(orphan)}", "needs target_label and target_name")
                : DecodeResult.Valid(new GraphMessage(source));
        }

        if (TargetLabel is null)
        {
            return DecodeResult.Invalid(path + ".target_label", "is required when target_name is given");
        }

        if (TargetName is null)
        {
            return DecodeResult.Invalid(path + ".target_name", "is required when target_label is given");
        }

        var target = new NodeSpec(TargetLabel, TargetName, TargetFrom, TargetTo);
        var rel = (Seen & (MessageKey.RelFrom | MessageKey.RelTo)) != 0 ? new RelSpec(RelFrom, RelTo) : null;
        return DecodeResult.Valid(new GraphMessage(source, target, rel));
    }
}
