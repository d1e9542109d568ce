namespace Depc.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidArguments = 2;
    public const int NotFound = 3;
    public const int Refused = 4;
    public const int StoreUnavailable = 5;
}
