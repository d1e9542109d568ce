namespace Depc.Server.Ingestion;

/// <summary>Endpoint metadata: this endpoint's requests count against their team's ingest limits (<see cref="TeamIngestLimits"/>).</summary>
internal sealed class TeamIngestLimited
{
    public static readonly TeamIngestLimited Instance = new();

    private TeamIngestLimited()
    {
    }
}
