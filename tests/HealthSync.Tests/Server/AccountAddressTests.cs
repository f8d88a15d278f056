using System.Net;
using System.Text.Encodings.Web;
using HealthSync.Hosting;

namespace HealthSync.Tests.Server;

/// <summary>The Account page holds the service URL to the command line's rule (the core's <c>ServiceAddress</c>): https, or plain http to this machine only.</summary>
public sealed class AccountAddressTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("http://intervals.invalid:1/")]
    [InlineData("http://10.0.0.8:5700")]
    public async Task The_account_page_refuses_plain_http_to_another_machine_and_keeps_the_url_typed(string url)
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false);
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/account");

        var answer = await browser.PostAsync("/account", ServerHarness.Form(page, ("api-key", ServerHarness.ApiKey), ("athlete", "0"), ("base-url", url)));

        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(HtmlEncoder.Default.Encode($"'{url}' is plain http, which would send the API key in clear text"), html, StringComparison.Ordinal);
        Assert.Contains($"name=\"base-url\" value=\"{HtmlEncoder.Default.Encode(url)}\"", html, StringComparison.Ordinal);
        Assert.Null(CredentialsFile.Read(harness.StateDir));
        Assert.Empty(harness.StandIn.Received.All);
    }

    [Fact]
    public async Task An_account_an_older_release_stored_for_plain_http_to_another_machine_is_not_used()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false);
        CredentialsFile.Write(harness.StateDir, new StoredCredentials(ServerHarness.ApiKey, null, "0", "http://192.168.1.2/"));
        using var browser = await harness.SignedInBrowserAsync();

        var page = await browser.GetStringAsync("/account");

        Assert.Contains(HtmlEncoder.Default.Encode("The saved account is not used: its service URL 'http://192.168.1.2/' is plain http"), page, StringComparison.Ordinal);
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        await harness.Server.Jobs.WhenIdle();
        using var state = harness.OpenState();
        Assert.Equal(1, state.WaitingDocumentCount()); // waits for an account, as with none
        Assert.Empty(harness.StandIn.Received.All);
    }
}
