using Depc.Server.Apis;
using Depc.Server.Options;
using Depc.Server.WebPage;
using Microsoft.AspNetCore.Hosting;

namespace Depc.Server;

/// <summary>
/// Builds the <c>depc serve</c> application: the dependency API, team credentials, HTTP ingestion, the
/// rejection feed, health, metrics, OpenAPI, and the Kafka consumer when <c>Depc:Kafka:BootstrapServers</c>
/// is set. Used by <c>Program</c> and by the CLI's <c>serve</c> command.
/// </summary>
public static class DepcServer
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <param name="args">Command-line configuration (<c>--urls</c>, <c>--Depc:Store sqlite:x.db</c>, …); it wins over the environment.</param>
    /// <param name="configure">Last changes before the app is built (tests replace services here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddDepcEnvironment();
        builder.Configuration.AddCommandLine(args);
        // Whether from --urls or ASPNETCORE_URLS: Kestrel would read a mistyped address as every interface.
        if (builder.Configuration[WebHostDefaults.ServerUrlsKey] is { } urls)
        {
            ListenUrls.Check(urls);
        }
        else
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddDepcServer(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseDepcServer();
        return app;
    }

    internal static WebApplication UseDepcServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebPage();
        app.UseAuthentication();
        app.UseAuthorization();

        // After authorization: only a caller allowed to write a team counts against (and waits in) that team's limits.
        app.UseRateLimiter();
        app.MapOperationsApi();
        app.MapWhoAmIApi();
        app.MapSetupApi();
        app.MapServiceStatusApi();
        app.MapTeamsApi();
        app.MapGroup("/v1/teams/{team}")
            .RequireAuthorization(Auth.DepcPolicies.TeamRead)
            .AddEndpointFilter<ArgumentErrorFilter>()
            .AddEndpointFilter<QuerySpanFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags("Teams' graphs")
            .MapGraphApi()
            .MapMessagesApi()
            .MapRejectionsApi()
            .MapStatusApi();
        return app;
    }
}
