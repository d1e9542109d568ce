using Depc.Server;

var app = DepcServer.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
