namespace Depc.Testing.Telemetry;

/// <summary>One data point of a sum or gauge metric as exported: the metric's name, the point's attributes and its value.</summary>
public sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value)
{
    /// <summary>
    /// The sum (7) and gauge (5) points of an <c>ExportMetricsServiceRequest</c>: resource_metrics 1 → scope_metrics 2 →
    /// metrics 2 → name 1; data_points 1 → attributes 7, as_double 4 or as_int 6. Histograms are left out.
    /// </summary>
    public static IEnumerable<OtlpPoint> Read(ProtobufReader request) =>
        from resource in request.All(1)
        from scope in resource.All(2)
        from metric in scope.All(2)
        let name = metric.Text(1) ?? ""
        from data in metric.All(7).Concat(metric.All(5))
        from point in data.All(1)
        select new OtlpPoint(name, OtlpAttributes.Read(point.All(7)), ValueOf(point));

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    private static double ValueOf(ProtobufReader point) =>
        point.Field(6) is { } integer ? (long)integer.Value
        : point.Field(4) is { } real ? BitConverter.UInt64BitsToDouble(real.Value)
        : double.NaN;
}
