using Depc.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Depc.Server.Tests.Options;

/// <summary>The HTTP ingest limits are checked at start: a value out of range stops the server with the setting's name.</summary>
public sealed class IngestSettingsValidationTests
{
    [Theory]
    [InlineData("TeamMaxConcurrentIngests", "0")]
    [InlineData("TeamIngestQueueLimit", "-1")]
    [InlineData("TeamIngestRequestsPerSecond", "0")]
    [InlineData("TeamIngestBurst", "0")]
    [InlineData("MaxListedRejections", "-1")]
    [InlineData("MinRequestBodyBytesPerSecond", "0")]
    [InlineData("MinRequestBodyGracePeriod", "00:00:01")]
    [InlineData("RequestHeadersTimeout", "00:00:00")]
    public async Task A_setting_out_of_range_stops_the_start_naming_it(string setting, string value)
    {
        var path = TempDatabaseFile.NewPath();
        try
        {
            // Refused when building or starting, whichever first reads the settings.
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            {
                await using var app = DepcServer.Build(
                [
                    "--urls", "http://127.0.0.1:0",
                    "--Depc:Store", "sqlite:" + path,
                    $"--Depc:{setting}", value,
                    "--environment", "Production",
                ]);
                await app.StartAsync();
                await app.StopAsync();
            });
            Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempDatabaseFile.Delete(path);
        }
    }
}
