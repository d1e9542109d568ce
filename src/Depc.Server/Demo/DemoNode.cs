using System.Globalization;

namespace Depc.Server.Demo;

/// <summary>A node of the demo; <see cref="From"/>/<see cref="To"/> bound its own life (a server retired, a site launched).</summary>
internal sealed record DemoNode(string Label, string Name, long? From = null, long? To = null)
{
    public string Json()
    {
        var props = (From, To) switch
        {
            (null, null) => "",
            (_, null) => string.Create(CultureInfo.InvariantCulture, $$""","props":{"from":{{From}}}"""),
            (null, _) => string.Create(CultureInfo.InvariantCulture, $$""","props":{"to":{{To}}}"""),
            _ => string.Create(CultureInfo.InvariantCulture, $$""","props":{"from":{{From}},"to":{{To}}}"""),
        };
        return $$"""{"label":"{{Label}}","name":"{{Name}}"{{props}}}""";
    }
}
