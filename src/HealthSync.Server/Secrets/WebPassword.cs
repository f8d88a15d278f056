using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthSync.Server.Secrets;

/// <summary>The web app's password, stored as a PBKDF2-SHA256 hash with its salt and iteration count in <c>web-password</c> (mode 600).</summary>
internal sealed class WebPassword
{
    public const string FileName = "web-password";
    public const int MinimumLength = 8;
    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly string _path;
    private readonly int _iterations;
    private readonly Lock _gate = new();
    private string? _stored;

    public WebPassword(string stateDirectory, string? given, int iterations)
    {
        _path = Path.Combine(stateDirectory, FileName);
        _iterations = iterations;
        _stored = SecretFile.Read(_path);
        if (!string.IsNullOrEmpty(given) && !Verify(given))
        {
            Set(given); // HEALTHSYNC_WEB_PASSWORD wins; stored hashed like one set on the page
        }

        // Only until a password is set: whoever has the console (the owner) holds it, so a stranger who reaches a
        // fresh server first cannot claim it.
        SetupCode = IsSet ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    }

    public bool IsSet => Volatile.Read(ref _stored) is { Length: > 0 };

    /// <summary>The one-time code the first-start page asks for (printed on the console); null once a password is set.</summary>
    public string? SetupCode { get; private set; }

    public bool SetupCodeMatches(string? candidate) =>
        SetupCode is { } code && candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Trim()), Encoding.UTF8.GetBytes(code));

    public void Set(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, _iterations, HashAlgorithmName.SHA256, HashBytes);
        var line = string.Join('$', Algorithm, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
        lock (_gate)
        {
            SecretFile.Write(_path, line);
            _stored = line;
            SetupCode = null;
        }
    }

    /// <summary>Forgets the password (a lost one, reset from the console): the next visitor needs a new one-time set-up code, which only the console shows.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            File.Delete(_path);
            _stored = null;
            SetupCode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }
    }

    public bool Verify(string password)
    {
        var parts = Volatile.Read(ref _stored)?.Split('$');
        if (parts is not [Algorithm, var iterationText, var saltText, var hashText] || !int.TryParse(iterationText, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
