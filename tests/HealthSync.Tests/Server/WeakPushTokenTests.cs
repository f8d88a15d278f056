using HealthSync.Server;
using HealthSync.Server.Secrets;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Server;

/// <summary>A weak HEALTHSYNC_PUSH_TOKEN is refused before anything is written: by the server (an exception) and by its program (one line, exit 2).</summary>
public sealed class WeakPushTokenTests
{
    [Theory]
    [InlineData("1234", "it is 4 characters long")]
    [InlineData("push-token-test-5b1e0c", "it is 22 characters long")]
    [InlineData("0123456789abcdef0123456789abcde", "it is 31 characters long")]
    [InlineData("correct horse battery staple, a long passphrase", "it holds a character other than")]
    public async Task A_weak_push_token_in_the_environment_stops_the_server_with_one_line_and_exit_2(string token, string problem)
    {
        using var dir = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["HEALTHSYNC_PUSH_TOKEN"] = token };

        var exit = await ServerProgram.RunAsync(["--urls", "http://127.0.0.1:0", "--state-dir", dir.File("state")], environment.GetValueOrDefault, output, error);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: HEALTHSYNC_PUSH_TOKEN is refused: " + problem, line, StringComparison.Ordinal);
        Assert.Contains("`openssl rand -hex 32`", line, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.False(Directory.Exists(dir.File("state")));
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("push-token-test-5b1e0c")] // 22 characters: the old test token
    [InlineData("0123456789abcdef0123456789abcde")] // 31 hex digits: 124 bits
    [InlineData("a token with spaces in it, long enough")]
    public async Task A_weak_push_token_from_the_environment_stops_the_server_before_it_starts(string token)
    {
        using var dir = new TempDirectory();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", StateDirectory = dir.File("state"), PushToken = token, WarmUp = false };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => HealthSyncServer.StartAsync(options));

        Assert.Contains("HEALTHSYNC_PUSH_TOKEN", refused.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 32", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refused.Message, StringComparison.Ordinal); // a secret, even a weak one, is not repeated
        Assert.False(Directory.Exists(dir.File("state")));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)] // openssl rand -hex 16: 128 bits
    [InlineData("3q2-7wF_Yk0aVb9TqPzL1mN4oR6sU8xW0yZ2bC4dE6g", true)] // the server's own: 32 bytes in base64url
    [InlineData("q83v7wF+Yk0aVb9TqPzL1mN4oR6sU8xW0yZ2bC4dE6g=", true)] // openssl rand -base64 32
    [InlineData("  0123456789abcdef0123456789abcdef  ", true)] // spaces around, as a .env file may leave them
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef 0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef\u00e9", false)]
    public void The_rule_is_32_characters_of_hex_or_base64(string token, bool strong)
    {
        Assert.Equal(strong, PushToken.IsStrong(token, out var why));
        Assert.Equal(strong, why.Length == 0);
    }
}
