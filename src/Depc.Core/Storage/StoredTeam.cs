namespace Depc.Core.Storage;

/// <summary>A team as a store keeps it (SQLite row, Neo4j <c>_Depc_Team</c> node): the SHA-256 of its token, never the token.</summary>
public sealed record StoredTeam(string Name, byte[] TokenHash, long CreatedAt, long RotatedAt);
