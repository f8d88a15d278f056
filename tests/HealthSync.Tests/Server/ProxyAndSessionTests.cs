using System.Net;

namespace HealthSync.Tests.Server;

/// <summary>
/// Right behind the documented TLS proxy, and sessions that end (issue 17, point 5): the proxy on loopback forwards the
/// scheme, host and client address; a signed-out or replaced session's cookie opens nothing, wherever it was copied.
/// </summary>
public sealed class ProxyAndSessionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Behind_the_proxy_cookies_are_secure_and_the_push_url_is_the_public_https_one()
    {
        await using var harness = await ServerHarness.StartAsync(Now);

        // The proxy speaks https to the browser and plain http to the server on loopback. A cookie jar would keep
        // Secure cookies for https only, so the cookies go back by hand, as the browser behind the proxy sends them.
        using var browser = WithCookie(harness, null);
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Host", "health.example.org");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var login = await browser.GetAsync("/login");
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("healthsync-af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        using var form = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = ServerHarness.Form(await login.Content.ReadAsStringAsync(), ("password", ServerHarness.Password)) };
        form.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await browser.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("healthsync=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);

        using var proxied = WithCookie(harness, session.Split(';')[0]);
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Host", "health.example.org");
        var phone = await proxied.GetStringAsync("/phone");
        Assert.Contains("https://health.example.org/push/health-auto-export", phone, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusted_proxies_are_loopback_plus_the_addresses_and_networks_named()
    {
        var options = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions();
        HealthSync.Server.Web.TrustedProxies.Configure(options, ["192.0.2.1", "10.0.0.0/8"]);

        Assert.Contains(IPAddress.Parse("192.0.2.1"), options.KnownProxies);
        Assert.Contains(IPAddress.IPv6Loopback, options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.1.2.3")));
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Loopback));
        Assert.DoesNotContain(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("203.0.113.1")));
        Assert.Throws<ArgumentException>(() => HealthSync.Server.Web.TrustedProxies.Configure(new(), ["proxy.example"]));
    }

    [Fact]
    public async Task Sign_in_limits_count_per_client_behind_the_proxy_so_a_stranger_cannot_lock_the_owner_out()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.SignInAttemptsPerMinute = 3);
        using var stranger = harness.Browser();
        stranger.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.66");
        var page = await stranger.GetStringAsync("/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await stranger.PostAsync("/login", ServerHarness.Form(page, ("password", "guess " + i)))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        using var owner = harness.Browser();
        owner.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        var answer = await owner.PostAsync("/login", ServerHarness.Form(await owner.GetStringAsync("/login"), ("password", ServerHarness.Password)));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
    }

    [Fact]
    public async Task A_copied_cookie_opens_nothing_after_its_session_signed_out()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var cookie = CookieOf(harness, browser);
        using var copy = WithCookie(harness, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/phone")).StatusCode);

        var status = await browser.GetStringAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/logout", ServerHarness.Form(status))).StatusCode);

        var after = await copy.GetAsync("/phone");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_sign_out_everywhere_ends_all()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var mine = await harness.SignedInBrowserAsync();
        using var other = await harness.SignedInBrowserAsync();

        var page = await mine.GetStringAsync("/password");
        var wrong = await mine.PostAsync("/password", ServerHarness.Form(page, ("current", "not it"), ("password", "a new passphrase"), ("confirm", "a new passphrase")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/phone")).StatusCode);

        var changed = await mine.PostAsync("/password", ServerHarness.Form(page, ("current", ServerHarness.Password), ("password", "a new passphrase"), ("confirm", "a new passphrase")));
        Assert.Equal("/password?changed=1", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/phone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync("/phone")).StatusCode);

        var everywhere = await mine.PostAsync("/sign-out-everywhere", ServerHarness.Form(await mine.GetStringAsync("/password")));
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(harness, CookieOf(harness, mine) ?? "healthsync=gone").GetAsync("/phone")).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var cookie = CookieOf(harness, browser)!;

        await harness.RestartAsync();

        using var again = WithCookie(harness, cookie);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/phone")).StatusCode);
    }

    [Fact]
    public async Task A_lost_password_is_reset_from_the_console_with_a_new_one_time_code()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var cookie = CookieOf(harness, browser);

        harness.Options.WebPassword = null;
        harness.Options.ResetPassword = true;
        await harness.RestartAsync();

        using (var stale = WithCookie(harness, cookie))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await stale.GetAsync("/phone")).StatusCode);
        }

        Assert.Equal("/setup", harness.Server.SignInAddress.AbsolutePath);
        var code = System.Web.HttpUtility.ParseQueryString(harness.Server.SignInAddress.Query)["code"]!;
        using var owner = harness.Browser();
        var setup = await owner.GetStringAsync("/setup");
        var set = await owner.PostAsync("/setup", ServerHarness.Form(setup, ("code", code), ("password", "a fresh passphrase"), ("confirm", "a fresh passphrase")));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/phone")).StatusCode);
    }

    private static string? CookieOf(ServerHarness harness, HttpClient browser) =>
        ServerHarness.CookiesOf(browser).GetCookies(harness.Server.BaseAddress)["healthsync"] is { } c ? $"{c.Name}={c.Value}" : null;

    private static HttpClient WithCookie(ServerHarness harness, string? cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = harness.Server.BaseAddress };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return client;
    }
}
