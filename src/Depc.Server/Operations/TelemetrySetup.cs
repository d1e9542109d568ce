using Depc.Core.Telemetry;
using Depc.Kafka.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Depc.Server.Operations;

/// <summary>
/// Metrics for Prometheus at <c>/metrics</c> always; with the standard OpenTelemetry variables naming an OTLP endpoint
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, …) also
/// traces (the <c>Depc</c> spans under ASP.NET Core's request spans), metrics and logs exported over OTLP. Without an
/// endpoint no span is recorded at all.
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "depc";

    private static readonly string[] EndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static IServiceCollection AddDepcTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(DepcMetrics.MeterName).AddPrometheusExporter());
        if (!EndpointVariables.Any(v => !string.IsNullOrEmpty(configuration[v])))
        {
            return services;
        }

        // OTEL_SERVICE_NAME, when set, names the service instead.
        if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName));
        }

        telemetry.WithTracing(tracing => tracing.AddSource(DepcTracing.SourceName, "Microsoft.AspNetCore")).UseOtlpExporter();
        return services;
    }
}
