using System.Security.Cryptography;
using System.Text;

namespace Liandong.Client.Auth;

/// <summary>
/// Finds the token signing key: <c>Auth:SigningKey</c> when set, otherwise a random 256-bit key generated once
/// into <c>Auth:KeyFile</c> (owner-only permissions) and read back on every later start, so tokens survive a
/// restart of this front end. A cluster with several front ends sets <c>Auth:SigningKey</c> on all of them.
/// </summary>
public static class SigningKeys
{
    public const int MinimumBytes = 32;

    public static byte[] Resolve(AuthOptions options, string contentRoot, ILogger? logger = null)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Decode(options.SigningKey.Trim());
        }

        var path = Path.GetFullPath(options.KeyFile, contentRoot);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        var options2 = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options2.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options2);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another front end on the same data directory wrote it first: use theirs.
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        logger?.LogWarning("Auth:SigningKey is not set: generated a token signing key in {KeyFile}. Set Auth:SigningKey when several front ends serve the API.", path);
        return key;
    }

    private static byte[] Decode(string value, string source = "Auth:SigningKey")
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            key = Encoding.UTF8.GetBytes(value);
        }

        return key.Length >= MinimumBytes
            ? key
            : throw new InvalidOperationException($"{source} is too short: a signing key needs at least {MinimumBytes} bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
    }
}
