using System.Globalization;

namespace Depc.Server.Instances;

/// <summary>
/// Who this <c>depc serve</c> is among the instances sharing a store: <c>Depc:InstanceId</c> when set, else Kafka's
/// static member id (<c>Depc:Kafka:GroupInstanceId</c>), else <c>host-pid</c> (a restart is then a new instance).
/// </summary>
internal sealed record InstanceIdentity(string Id, string Host)
{
    public static InstanceIdentity From(IConfiguration configuration)
    {
        var host = Environment.MachineName;
        var id = configuration["Depc:InstanceId"] is { Length: > 0 } configured ? configured
            : configuration["Depc:Kafka:GroupInstanceId"] is { Length: > 0 } member ? member
            : host + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return new InstanceIdentity(id, host);
    }
}
