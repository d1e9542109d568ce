using System.Diagnostics;

namespace Depc.Testing.Faults;

/// <summary>
/// Makes a file read-only for everyone, root included (a read-only mount, a file an operator locked): mode 0444 and,
/// when the tests run as root (whom modes do not stop), the immutable attribute (<c>chattr +i</c>, e2fsprogs).
/// Disposing makes it writable again.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;
    private readonly bool _immutable;

    private ReadOnlyFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("read-only files are made the Unix way");
        }

        _path = path;
        _mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (Environment.IsPrivilegedProcess)
        {
            Chattr("+i");
            _immutable = true;
        }
    }

    public static ReadOnlyFile Make(string path) => new(path);

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr("-i");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, _mode);
        }
    }

    private void Chattr(string change)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [change, _path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("cannot run chattr (e2fsprogs)");
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {change} {_path} failed: {error}");
        }
    }
}
