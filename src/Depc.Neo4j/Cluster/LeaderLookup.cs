using System.Text.Json;
using Depc.Neo4j.Http;
using Microsoft.Extensions.Logging;

namespace Depc.Neo4j.Cluster;

/// <summary>
/// Asks the members, in turn, who leads the database, through the server's own cluster procedures:
/// <c>dbms.cluster.overview()</c> on 3.x/4.x, <c>SHOW DATABASES</c> on 5.x. A member without cluster procedures
/// (a single server: Community Edition, or 4.x/5.x answering <c>standalone</c>) takes the writes itself.
/// </summary>
internal sealed class LeaderLookup(Neo4jClient client, MemberRouter router, string? database, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<Neo4jMember> FindAsync(CancellationToken cancellationToken)
    {
        // One lookup at a time: the writers waiting meanwhile take its answer.
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (router.Writer is { } known)
            {
                return known;
            }

            var tried = new List<string>();
            foreach (var member in router.InOrder())
            {
                try
                {
                    var answer = await AskAsync(member, cancellationToken).ConfigureAwait(false);
                    if (answer.Standalone)
                    {
                        Log.StandaloneMember(logger, member.ToString());
                        router.Lead(member);
                        return member;
                    }

                    if (answer.HttpRoot() is null)
                    {
                        // Only Bolt addresses (SHOW DATABASES): each member's own Bolt address comes from its discovery.
                        await DiscoverAllAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if ((answer.Find(router.InOrder()) ?? (answer.HttpRoot() is { } root ? router.Add(root) : null)) is { } leader)
                    {
                        router.Lead(leader);
                        return leader;
                    }

                    tried.Add($"{member}: no leader among {string.Join(", ", answer.LeaderAddresses.DefaultIfEmpty("(none)"))}");
                }
                catch (Neo4jException e) when (e.IsTransient)
                {
                    tried.Add($"{member}: {e.Message}");
                }
            }

            throw new Neo4jException(null, "no Neo4j member names a reachable leader now (" + string.Join("; ", tried) + ")", isTransient: true);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    private async Task DiscoverAllAsync(CancellationToken cancellationToken)
    {
        foreach (var member in router.InOrder().Where(m => m.Server is null))
        {
            try
            {
                await client.GetServerAsync(member, cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jException e) when (e.IsTransient)
            {
                // Down: it cannot be the one to write to anyway.
            }
        }
    }

    private async Task<ClusterAnswer> AskAsync(Neo4jMember member, CancellationToken cancellationToken)
    {
        var server = await client.GetServerAsync(member, cancellationToken).ConfigureAwait(false);
        var rows = new List<JsonElement>();
        var modern = server.Dialect.Major >= 5;
        var (statement, endpoint) = modern
            ? ("SHOW DATABASES YIELD name, address, role, writer", server.CommitEndpointOf("system", database))
            : ("CALL dbms.cluster.overview()", server.CommitEndpoint);
        try
        {
            await client.SendAsync(member, HttpMethod.Post, endpoint, [new CypherStatement(statement, OnRow: row => rows.Add(row.Clone()))], cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Neo4jException e) when (e.Code is "Neo.ClientError.Procedure.ProcedureNotFound")
        {
            return ClusterAnswer.Single;
        }

        return modern ? ClusterAnswer.FromShowDatabases(rows, database) : ClusterAnswer.FromOverview(rows, database);
    }
}
