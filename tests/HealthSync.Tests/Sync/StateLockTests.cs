using HealthSync.State;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Sync;

/// <summary>The state folder's lock says who holds it: a run by its pid, the server with its address too.</summary>
public sealed class StateLockTests
{
    [Fact]
    public void A_run_is_named_by_its_pid_and_the_server_by_its_address_too()
    {
        using var dir = new TempDirectory();
        using var held = StateLock.TryAcquire(dir.Path, out _);
        Assert.NotNull(held);

        Assert.Null(StateLock.TryAcquire(dir.Path, out var run)); // flock refuses a second open, in this process too
        Assert.Equal(new StateLockHolder(Environment.ProcessId, null), run);
        Assert.Equal($"another sync is running on {dir.Path} (pid {Environment.ProcessId})", run.Describe(dir.Path));

        held.RecordServer(new Uri("http://127.0.0.1:8080/"));
        Assert.Null(StateLock.TryAcquire(dir.Path, out var server));
        Assert.Equal(new StateLockHolder(Environment.ProcessId, new Uri("http://127.0.0.1:8080/")), server);
        Assert.Equal($"the HealthSync server (pid {Environment.ProcessId}) holds the state folder {dir.Path}", server.Describe(dir.Path));
    }

    [Theory]
    [InlineData("4242", 4242, null)] // as an older release wrote it
    [InlineData("4242 http://127.0.0.1:8080/", 4242, "http://127.0.0.1:8080/")]
    [InlineData("", 0, null)]
    [InlineData("not a pid", 0, null)]
    public void The_pid_file_reads_as_its_holder(string text, int pid, string? server)
    {
        Assert.Equal(new StateLockHolder(pid, server is null ? null : new Uri(server)), StateLockHolder.Parse(text));
    }
}
