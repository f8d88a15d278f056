using System.Security.Cryptography;
using System.Text;

namespace HealthSync.Server.Secrets;

/// <summary>The token the phone sends with each push: <c>push-token</c> in the state folder (mode 600), or HEALTHSYNC_PUSH_TOKEN.</summary>
/// <remarks>Separate from the web password on purpose: it sits in the phone's automation settings, and rotating it signs nobody out.</remarks>
internal sealed class PushToken
{
    public const string FileName = "push-token";

    /// <summary>
    /// The fewest characters a token given in HEALTHSYNC_PUSH_TOKEN may have. 32 hex digits are 128 bits, and 32 base64
    /// characters 192; a shorter token (1234, a word) falls to guessing. Only the form is checked: length and alphabet.
    /// </summary>
    public const int MinimumLength = 32;

    private readonly string _path;
    private readonly bool _fixed;
    private byte[] _token;

    public PushToken(string stateDirectory, string? given)
    {
        _path = Path.Combine(stateDirectory, FileName);
        _fixed = !string.IsNullOrWhiteSpace(given);
        var token = _fixed ? given!.Trim() : SecretFile.Read(_path);
        if (string.IsNullOrEmpty(token))
        {
            token = Generate();
            SecretFile.Write(_path, token);
        }

        _token = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>True when the token comes from the environment (it cannot be rotated from the web app then).</summary>
    public bool IsFixed => _fixed;

    /// <summary>The token, for the signed-in owner's phone setup page only.</summary>
    public string Reveal() => Encoding.UTF8.GetString(Volatile.Read(ref _token));

    /// <summary>Constant-time comparison, so the time of a refusal says nothing about how much of a guess was right.</summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        var expected = Volatile.Read(ref _token);
        Span<byte> given = candidate.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(candidate.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(candidate.Length)];
        var length = Encoding.UTF8.GetBytes(candidate, given);
        return CryptographicOperations.FixedTimeEquals(given[..length], expected);
    }

    /// <summary>Replaces the token with a new random one (the phone must be given the new one).</summary>
    public void Rotate()
    {
        if (_fixed)
        {
            throw new InvalidOperationException("The push token comes from HEALTHSYNC_PUSH_TOKEN; change it there.");
        }

        var token = Generate();
        SecretFile.Write(_path, token);
        Volatile.Write(ref _token, Encoding.UTF8.GetBytes(token));
    }

    /// <summary>
    /// Whether a token given in HEALTHSYNC_PUSH_TOKEN has the form of a random one of 128 bits or more: at least
    /// <see cref="MinimumLength"/> characters, each a letter, a digit, or one of - _ + / = (hex, base64 or base64url).
    /// <paramref name="why"/> says what is wrong and how to make one, in one line, without repeating the token.
    /// </summary>
    public static bool IsStrong(string given, out string why)
    {
        ArgumentNullException.ThrowIfNull(given);
        var token = given.Trim();
        var problem = !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=')
            ? "it holds a character other than a letter, a digit, - _ + / or ="
            : token.Length < MinimumLength
                ? $"it is {token.Length} characters long, and a push token needs at least {MinimumLength} (128 bits)"
                : null;
        why = problem is null
            ? string.Empty
            : $"HEALTHSYNC_PUSH_TOKEN is refused: {problem}. Make one with `openssl rand -hex 32`, or unset it to have the server generate and keep one.";
        return problem is null;
    }

    // 32 random bytes: unguessable, and URL/header safe.
    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
