using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Liandong.ServiceDefaults;

/// <summary>
/// What every Liandong process has, set up once: OpenTelemetry traces, metrics and logs, the
/// exporters, and the health and metrics endpoints the ops team scrapes and probes.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks with this tag answer /health/live: the process runs and is not wedged.</summary>
    public const string LiveTag = "live";

    /// <summary>Health checks with this tag answer /health/ready: the process can serve (database, cluster).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
    /// set, Prometheus always), and the health-check service with a liveness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new();
        var serviceName = string.IsNullOrWhiteSpace(settings.ServiceName) ? builder.Environment.ApplicationName : settings.ServiceName;

        // Structured logs: the template's fields ({Project}, {County} …) become attributes of the record.
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.ParseStateValues = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceNamespace: "liandong", serviceInstanceId: settings.InstanceId ?? Environment.MachineName + "-" + Environment.ProcessId)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.OrleansMeter, TelemetryNames.LiandongMeter, TelemetryNames.StorageMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(settings.TraceSampleRatio, 0d, 1d))))
                .AddSource(TelemetryNames.OrleansActivitySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOpsEndpoint(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // The standard OTEL_EXPORTER_OTLP_* variables say where and how (grpc or http/protobuf).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The process is running."), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// /health/live (the process), /health/ready (every check tagged <see cref="ReadyTag"/>) and the
    /// Prometheus scrape endpoint /metrics.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>Probes and scrapes are not traced: they would drown the traces of real requests.</summary>
    private static bool IsOpsEndpoint(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

/// <summary>Configuration section <c>Telemetry</c>.</summary>
public sealed class TelemetrySettings
{
    public const string SectionName = "Telemetry";

    /// <summary>The service.name of every span, metric and log; defaults to the assembly (Liandong.Silo, Liandong.Client).</summary>
    public string? ServiceName { get; set; }

    /// <summary>The service.instance.id; defaults to host name and process id, so that each silo is told apart.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Share of new traces recorded (0–1); a trace started upstream follows its parent's decision.</summary>
    public double TraceSampleRatio { get; set; } = 1d;
}
