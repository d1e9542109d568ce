using Depc.Core.Storage;
using Depc.Neo4j;
using Depc.Server.Stores;

namespace Depc.Server.Teams;

/// <summary>Picks where teams and feeds live: in the store in use, so every instance on that store shares them.</summary>
public static class TeamBackends
{
    /// <param name="store">The graph store the server or command uses.</param>
    /// <param name="storeSpec">Its spec: a SQLite store keeps teams in its own file.</param>
    /// <param name="teamsDatabase">With Neo4j: a teams file of an earlier Depc whose teams are copied in, when it exists.</param>
    public static ITeamBackend For(IGraphStore store, StoreSpec storeSpec, string teamsDatabase, int rejectionRetention, ILogger logger) =>
        store is Neo4jGraphStore neo4j
            ? new Neo4jTeamBackend(neo4j.Teams, teamsDatabase, rejectionRetention, logger)
            : SqliteTeamBackend.ForStore(storeSpec, teamsDatabase, rejectionRetention);
}
