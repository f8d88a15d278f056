using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using HealthSync.Intervals;

namespace HealthSync.Tests.Intervals;

public sealed class IntervalsClientTests
{
    private static readonly DateTimeOffset Start = new(2025, 5, 31, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Upload_New_Activity_Then_Report_Duplicate_For_Same_Bytes()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());
        var fit = TestFitFile.Create(Start, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(42), 8000, timeZone: "Europe/Berlin");

        var first = await client.UploadFitAsync("ah-0123456789abcdef0123", fit, "Morning Run", "Apple Watch", CancellationToken.None);
        var second = await client.UploadFitAsync("ah-0123456789abcdef0123", fit, "Morning Run", "Apple Watch", CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(first.ActivityId, second.ActivityId);
        var upload = server.Received.All[0];
        Assert.Equal(["file"], upload.FileFields);
        Assert.Equal("ah-0123456789abcdef0123.fit", upload.FileName);
        Assert.Equal(fit, upload.File);
        Assert.Equal("ah-0123456789abcdef0123", upload.Query["external_id"].Single());
        Assert.Equal("Morning Run", upload.Query["name"].Single());
        Assert.Equal("Apple Watch", upload.Query["device_name"].Single());
        Assert.Equal("HealthSync/" + IntervalsClient.Version, upload.Headers["User-Agent"]);

        var activity = await client.GetActivityAsync(first.ActivityId, CancellationToken.None);
        Assert.Equal("Run", activity.Type);
        Assert.Equal(new DateTime(2025, 5, 31, 7, 30, 0), activity.StartDateLocal);
        Assert.Equal(Start, activity.StartDate);
        Assert.Equal(2700, activity.ElapsedTime);
        Assert.Equal(2520, activity.MovingTime);
        Assert.Equal(8000, activity.Distance);
        Assert.Equal("UPLOAD", activity.Source);
        Assert.Equal("ah-0123456789abcdef0123", activity.ExternalId);
    }

    [Fact]
    public async Task Should_Accept_Gzipped_Fit_Upload()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(TestFitFile.Create(Start, TimeSpan.FromHours(1), activityType: "Cycling", indoor: true));
        }

        var result = await client.UploadFitAsync("ah-gz", gz.ToArray(), null, null, CancellationToken.None);

        Assert.True(result.IsNew);
        Assert.Equal("VirtualRide", (await client.GetActivityAsync(result.ActivityId, CancellationToken.None)).Type);
    }

    [Fact]
    public async Task Should_Report_Service_Error_Text_When_File_Is_Unreadable()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());

        var error = await Assert.ThrowsAsync<IntervalsRejectedException>(
            () => client.UploadFitAsync("ah-bad", Encoding.UTF8.GetBytes("not a fit file at all"), null, null, CancellationToken.None));

        Assert.Equal(422, error.StatusCode);
        Assert.StartsWith("Unable to read file", error.Reason, StringComparison.Ordinal);
        Assert.Single(server.Received.All);
    }

    [Fact]
    public async Task Should_List_Window_Newest_First_Tolerating_Strava_Stubs()
    {
        await using var server = await StandIn.StartAsync();
        server.Activities.Seed(
            [
                new JsonObject { ["id"] = "987654321", ["start_date_local"] = "2025-05-30T18:00:00", ["source"] = "STRAVA", ["_note"] = "STRAVA activities are not available via the API" },
                new JsonObject { ["id"] = "i555", ["start_date_local"] = "2025-05-31T07:30:02", ["start_date"] = "2025-05-31T05:30:02Z", ["type"] = "Run", ["elapsed_time"] = 2701, ["moving_time"] = 2500, ["distance"] = 8010.5, ["source"] = "GARMIN_CONNECT", ["calories"] = 512 },
                new JsonObject { ["id"] = "i444", ["start_date_local"] = "2025-04-01T07:00:00", ["type"] = "Ride", ["source"] = "UPLOAD" },
            ],
            "i1");
        using var client = StandIn.Client(server, StandIn.Time());

        var list = await client.ListActivitiesAsync(new DateTime(2025, 5, 29), new DateTime(2025, 6, 1), CancellationToken.None);

        Assert.Equal(["i555", "987654321"], list.Select(a => a.Id));
        var stub = list[1];
        Assert.Equal(new DateTime(2025, 5, 30, 18, 0, 0), stub.StartDateLocal);
        Assert.Null(stub.Type);
        Assert.Null(stub.StartDate);
        Assert.Equal("STRAVA", stub.Source);
        Assert.NotNull(stub.Note);
        Assert.Equal(8010.5, list[0].Distance);
        var query = server.Received.All.Single().Query;
        Assert.Equal("2025-05-29T00:00:00", query["oldest"].Single());
        Assert.Equal("2025-06-01T00:00:00", query["newest"].Single());
        Assert.Equal(IntervalsActivity.ListFields, query["fields"].Single().Split(','));
    }

    [Fact]
    public async Task Should_Update_Only_Type_Then_Delete()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());
        var uploaded = await client.UploadFitAsync("ah-upd", TestFitFile.Create(Start, TimeSpan.FromMinutes(30), indoor: true), "Treadmill", null, CancellationToken.None);

        var updated = await client.UpdateActivityAsync(uploaded.ActivityId, new IntervalsActivityUpdate { Type = "VirtualRun" }, CancellationToken.None);
        await client.DeleteActivityAsync(uploaded.ActivityId, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<IntervalsRejectedException>(() => client.GetActivityAsync(uploaded.ActivityId, CancellationToken.None));

        Assert.Equal("VirtualRun", updated.Type);
        Assert.Equal("Treadmill", updated.Name);
        Assert.Equal("""{"type":"VirtualRun"}""", Encoding.UTF8.GetString(server.Received.All[1].Body));
        Assert.Equal(404, gone.StatusCode);
        Assert.Empty(server.Activities.All);
    }

    [Fact]
    public async Task Should_Authenticate_With_Oauth_Token_As_Bearer()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time(), credentials: IntervalsCredentials.FromAccessToken(StandIn.AccessToken));

        var list = await client.ListActivitiesAsync(new DateTime(2025, 1, 1), new DateTime(2025, 2, 1), CancellationToken.None);

        Assert.Empty(list);
        Assert.Equal("Bearer " + StandIn.AccessToken, server.Received.All.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Should_Authenticate_With_Api_Key_As_Basic()
    {
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());

        await client.ListActivitiesAsync(new DateTime(2025, 1, 1), new DateTime(2025, 2, 1), CancellationToken.None);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + StandIn.ApiKey));
        Assert.Equal(expected, server.Received.All.Single().Headers["Authorization"]);
        Assert.Equal(200, server.Received.All.Single().Status);
    }

    [Theory]
    [InlineData("wrong-key", false, 401)]
    [InlineData(StandIn.ApiKey, true, 403)]
    public async Task Should_Stop_Without_Retry_When_Credentials_Are_Refused(string secret, bool sendKeyAsBearer, int expectedStatus)
    {
        await using var server = await StandIn.StartAsync();
        var credentials = sendKeyAsBearer ? IntervalsCredentials.FromAccessToken(secret) : IntervalsCredentials.FromApiKey(secret);
        using var client = StandIn.Client(server, StandIn.Time(), credentials: credentials);

        var error = await Assert.ThrowsAsync<IntervalsAuthenticationException>(
            () => client.ListActivitiesAsync(new DateTime(2025, 1, 1), new DateTime(2025, 2, 1), CancellationToken.None));

        Assert.Equal(expectedStatus, error.StatusCode);
        Assert.Single(server.Received.All);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }
}
