namespace Depc.Sqlite.Teams;

/// <summary>One entry of a team's rejection feed; <c>Time</c> in Unix seconds.</summary>
public sealed record StoredRejection(string Team, long Time, string Source, string Origin, string Reason, string Payload);
