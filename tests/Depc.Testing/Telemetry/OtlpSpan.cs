namespace Depc.Testing.Telemetry;

/// <summary>A span as exported: its scope (the activity source), name, parent (empty for a root) and attributes.</summary>
public sealed record OtlpSpan(string Scope, string Name, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The spans of an <c>ExportTraceServiceRequest</c>: resource_spans 1 → scope_spans 2 → (scope 1, spans 2).</summary>
    public static IEnumerable<OtlpSpan> Read(ProtobufReader request) =>
        from resource in request.All(1)
        from scopeSpans in resource.All(2)
        let scope = scopeSpans.All(1).Select(s => s.Text(1)).FirstOrDefault() ?? ""
        from span in scopeSpans.All(2)
        select new OtlpSpan(
            scope,
            span.Text(5) ?? "",
            Convert.ToHexString((span.Field(2)?.Bytes ?? ReadOnlyMemory<byte>.Empty).Span),
            Convert.ToHexString((span.Field(4)?.Bytes ?? ReadOnlyMemory<byte>.Empty).Span),
            OtlpAttributes.Read(span.All(9)));

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;
}
