using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;

namespace Depc.Testing.Processes;

/// <summary>
/// The real <c>depc serve</c> as a child process on a loopback port of its own: started, killed with SIGKILL at any
/// moment, stopped with SIGTERM, and started again with the same arguments and port, as a crash test needs. What it
/// prints is kept (<see cref="Log"/>) across restarts. An in-process host would hide what a real crash leaves behind.
/// </summary>
public sealed partial class DepcServeProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly DepcServeProcessOptions _options;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private DepcServeProcess(DepcServeProcessOptions options, Uri baseAddress)
    {
        _options = options;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The running process; throws when it is not running.</summary>
    public Process Process => _process ?? throw new InvalidOperationException("depc serve is not running");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything every run of this server printed, stdout and stderr interleaved.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Starts <c>depc serve --urls http://127.0.0.1:PORT ARGS</c> and waits until <see cref="DepcServeProcessOptions.ReadyPath"/> answers 200.</summary>
    public static async Task<DepcServeProcess> StartAsync(DepcServeProcessOptions options)
    {
        var server = new DepcServeProcess(options, new Uri($"http://127.0.0.1:{options.Port ?? FreePort.Next()}"));
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process again (after a kill or stop) with the same arguments and port, and waits until ready.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("depc serve is still running");
        }

        _process?.Dispose();
        var args = new List<string> { "serve", "--urls", BaseAddress.ToString().TrimEnd('/') };
        args.AddRange(_options.Arguments);
        var start = DepcCommand.StartInfo(_options.WorkingDirectory, args, _options.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start depc serve");
        Starts++;
        Append($"--- depc serve start {Starts} (pid {process.Id}) ---");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;
        await WaitUntilAsync(_options.ReadyPath, _options.StartTimeout);
    }

    /// <summary>SIGKILL, as a crashed host or the OOM killer would: nothing is flushed, nothing is said goodbye.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append($"--- killed (SIGKILL) pid {process.Id} ---");
        }
    }

    /// <summary>SIGTERM, then waits for a clean exit (killed past <paramref name="timeout"/>); the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        var process = Process;
        if (kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"depc serve did not stop within {timeout ?? TimeSpan.FromSeconds(60)} of SIGTERM:\n{Log}");
        }

        return process.ExitCode;
    }

    /// <summary>An HTTP client on the server, with a bearer token when given.</summary>
    public HttpClient Client(string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; fails with the server's log if it exits or the time runs out.</summary>
    public async Task WaitUntilAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process is not { HasExited: false } process)
            {
                throw new InvalidOperationException($"depc serve exited with {_process?.ExitCode}:\n{Log}");
            }

            try
            {
                using var answer = await client.GetAsync(path);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} of depc serve did not answer 200 within {timeout}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
