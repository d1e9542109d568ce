using Depc.Core.Naming;

namespace Depc.StoreScenarios;

/// <summary>A fresh team per test, so no test ever sees another's data even on a shared server.</summary>
public static class ScenarioTeams
{
    public static TeamName New(string prefix = "t") =>
        TeamName.Parse($"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)]);
}
