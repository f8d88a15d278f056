using System.Globalization;
using System.Net;
using System.Text.Json;
using HealthSync.State;
using HealthSync.Tests.HealthAutoExport;

namespace HealthSync.Tests.Server;

/// <summary>Sizes bounded where it matters (issue 17, point 6): what one request, one push or one flood can cost.</summary>
public sealed class BoundedSizeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_sign_in_form_of_a_megabyte_is_refused_before_it_is_read()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = harness.Browser();
        var page = await browser.GetStringAsync("/login");

        var answer = await browser.PostAsync("/login", ServerHarness.Form(page, ("password", ServerHarness.Password), ("padding", new string('x', 1024 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode); // not signed in
    }

    [Fact]
    public async Task A_push_with_more_workouts_than_allowed_is_refused_in_words_and_shown_on_the_status_page()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.MaxWorkoutsPerPush = 3);
        var flood = TestPushSource.Document([.. Enumerable.Range(0, 4).Select(i => ("Yoga", Now.AddHours(-1).AddMinutes(i * 10), 5))]);

        var answer = await harness.PushAsync(flood);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("more than 3 workouts", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using (var state = harness.OpenState())
        {
            Assert.Equal(0, state.WaitingDocumentCount());
        }

        var browser = await harness.SignedInBrowserAsync();
        Assert.Contains("more than 3 workouts and was refused", await browser.GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)))).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
    }

    [Fact]
    public async Task The_names_page_shows_a_flood_of_unknown_names_a_page_at_a_time()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var names = Enumerable.Range(0, 120).Select(i => HaeFixtures.Workout(string.Create(CultureInfo.InvariantCulture, $"Flood name {i:D3}"),
            Now.AddDays(-1).AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss +0000", CultureInfo.InvariantCulture),
            Now.AddDays(-1).AddMinutes(i + 1).ToString("yyyy-MM-dd HH:mm:ss +0000", CultureInfo.InvariantCulture)));
        await harness.PushAsync(HaeFixtures.Document([.. names]));
        await harness.Server.Jobs.WhenIdle();
        var browser = await harness.SignedInBrowserAsync();

        var first = await browser.GetStringAsync("/names");
        var last = await browser.GetStringAsync("/names?page=2147483647");

        Assert.Contains("Page 1 of 3 (120 names)", first, StringComparison.Ordinal);
        Assert.Equal(50, CountOf(first, "<select name=\"type\" required>") - 1); // 50 rows and the "Add a name" form
        Assert.Contains("Page 3 of 3", last, StringComparison.Ordinal);
        Assert.Contains("Flood name 119", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_documents_are_pruned_after_the_days_the_setting_keeps_them()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(1, Documents(harness));

        harness.Time.Advance(TimeSpan.FromDays(31));
        await harness.PushAsync(TestPushSource.Document(("Yoga", harness.Time.GetUtcNow().AddHours(-1), 20)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(1, Documents(harness)); // the first went; the new one stays its 30 days
        Assert.Equal(2, harness.Uploads.Count);
    }

    [Fact]
    public async Task An_upload_a_crash_cut_is_deleted_at_the_next_start()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var folder = Path.Combine(harness.StateDir, HealthSync.Server.Work.Uploads.FolderName);
        var cut = Path.Combine(folder, "0123456789abcdef0123456789abcdef-export.zip" + HealthSync.Server.Work.Uploads.PartialSuffix);

        await harness.RestartAsync(() =>
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(cut, new byte[4096]);
            return Task.CompletedTask;
        });

        Assert.False(File.Exists(cut));
    }

    [Fact]
    public async Task A_full_disk_answers_507_and_the_server_recovers_once_there_is_room()
    {
        SyncState? serverState = null;
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.OnStateOpened = s => serverState = s);
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-2).AddMinutes(5), 20)))).StatusCode);
        await harness.Server.Jobs.WhenIdle();

        // The disk fills: not one more page fits. A document of a megabyte cannot be stored.
        serverState!.LimitPages(0);
        var big = HaeFixtures.Document(HaeFixtures.Workout("Yoga", TestPushSource.Date(Now.AddMinutes(-90)), TestPushSource.Date(Now.AddMinutes(-70)), ", \"notes\": \"" + new string('n', 1024 * 1024) + "\""));
        var full = await harness.PushAsync(big);
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        Assert.Contains("disk is full", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Room again: the app's resend is stored and uploaded.
        serverState.UnlimitPages();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(big)).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(2, harness.Uploads.Count);
    }


    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static long Documents(ServerHarness harness)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(harness.StateDir, SyncState.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents";
        return (long)command.ExecuteScalar()!;
    }
}
