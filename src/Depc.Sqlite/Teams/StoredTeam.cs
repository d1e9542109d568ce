namespace Depc.Sqlite.Teams;

/// <summary>A team's credential row: the SHA-256 of its token, never the token.</summary>
public sealed record StoredTeam(string Name, byte[] TokenHash, long CreatedAt, long RotatedAt);
