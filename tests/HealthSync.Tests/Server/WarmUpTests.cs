using HealthSync.Server.Work;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Server;

/// <summary>The start-up warm-up runs a push's whole path on its own workout, without touching anything real.</summary>
public sealed class WarmUpTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Read_Its_Own_Walk_Through_The_Dry_Run_And_Leave_No_Folder_Behind()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "healthsync-warm-up-*").Length;

        var fit = await WarmUp.RunAsync(new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Equal(".FIT"u8.ToArray(), fit[8..12]); // the FIT header's signature
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "healthsync-warm-up-*").Length);
    }

    [Fact]
    public async Task Should_Send_Its_Requests_To_The_Server_Itself_And_Take_Its_404s_Quietly()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var fit = await WarmUp.RunAsync(new FakeTimeProvider(Now), CancellationToken.None);

        await WarmUp.RequestsAsync(harness.Server.BaseAddress, fit, new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Empty(harness.StandIn.Received.All); // nothing reached the service
        using var state = harness.OpenState();
        Assert.Equal(0, state.WaitingDocumentCount());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://localhost:8080", "http://localhost:8080/")]
    public void Should_Reach_Itself_On_Loopback_When_Bound_To_Every_Address(string bound, string expected) =>
        Assert.Equal(expected, WarmUp.Loopback(bound).ToString());

    [Fact]
    public async Task Should_Warm_Up_On_A_Document_The_Reader_Reads_Whole()
    {
        var (workouts, issues) = await HealthSync.Tests.HealthAutoExport.HaeFixtures.ReadAsync(System.Text.Encoding.UTF8.GetString(WarmUp.Document(Now)));

        var walk = Assert.Single(workouts);
        Assert.Equal("HKWorkoutActivityTypeWalking", walk.ActivityType);
        Assert.Equal(120, walk.Route.Count);
        Assert.Equal(120, walk.HeartRate!.Samples.Count);
        Assert.Equal(Now, walk.End);
        Assert.Empty(issues);
    }
}
