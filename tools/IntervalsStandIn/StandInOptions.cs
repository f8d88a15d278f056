namespace IntervalsStandIn;

/// <summary>How the stand-in behaves: who may call it, how fast, which faults, what it starts with.</summary>
public sealed class StandInOptions
{
    /// <summary>Where to listen. Default http://127.0.0.1:0 (loopback, an ephemeral port).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The personal API key accepted as Basic API_KEY:&lt;key&gt;. Default "test-key" in-process; the program requires one (<see cref="StandInCommandLine"/>).</summary>
    public string ApiKey { get; set; } = "test-key";

    /// <summary>OAuth access tokens accepted as Bearer.</summary>
    public IList<string> AccessTokens { get; } = [];

    /// <summary>The athlete behind the key and the tokens; "0" in a path means this athlete. Default "i1".</summary>
    public string AthleteId { get; set; } = "i1";

    /// <summary>Steady requests a second before 429. Default 10, as the service.</summary>
    public double RatePerSecond { get; set; } = 10;

    /// <summary>Requests that may arrive at once (the service's "short burst"). Default 20.</summary>
    public int Burst { get; set; } = 20;

    /// <summary>Requests allowed in any <see cref="BudgetWindow"/>; 0 turns the budget off. Default 2,500.</summary>
    public int Budget { get; set; } = 2_500;

    /// <summary>Rolling window of <see cref="Budget"/>. Default 15 minutes.</summary>
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether 429 answers carry Retry-After (in seconds). Default true; the real service is unconfirmed.</summary>
    public bool SendRetryAfter { get; set; } = true;

    /// <summary>Share (0–1) of API requests answered 500/502/503 at random. Default 0.</summary>
    public double ErrorShare { get; set; }

    /// <summary>Share (0–1) of API requests whose connection is dropped. Default 0.</summary>
    public double DropShare { get; set; }

    /// <summary>Share (0–1) of API requests answered after <see cref="SlowDelay"/>. Default 0.</summary>
    public double SlowShare { get; set; }

    /// <summary>Delay of slow answers. Default 5 s.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the fault dice, so a run can be repeated. Default 1.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>JSON file of activities to start with (an array of Activity objects). Optional.</summary>
    public string? SeedFile { get; set; }

    /// <summary>
    /// The type derived from a FIT sport number, where it should differ from <see cref="Fit.SportTypes"/>: the real
    /// service's rule is undocumented, so tests can make it disagree with HealthSync's table. Empty by default.
    /// </summary>
    public IDictionary<int, string> DerivedTypeBySport { get; } = new Dictionary<int, string>();

    /// <summary>Clock of the limiter and slow answers; tests may pass a FakeTimeProvider. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reads command-line options: --urls, --api-key, --access-token, --athlete, --rate, --burst, --budget,
    /// --budget-window-seconds, --no-retry-after, --error-share, --drop-share, --slow-share, --slow-ms, --fault-seed, --seed.</summary>
    public static StandInOptions Parse(string[] args)
    {
        var o = new StandInOptions { Urls = "http://127.0.0.1:5700" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number()
            {
                var option = args[i];
                var text = Next();
                return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new ArgumentException($"{option}: '{text}' is not a number");
            }

            switch (args[i])
            {
                case "--urls": o.Urls = Next(); break;
                case "--api-key": o.ApiKey = Next(); break;
                case "--access-token": o.AccessTokens.Add(Next()); break;
                case "--athlete": o.AthleteId = Next(); break;
                case "--rate": o.RatePerSecond = Number(); break;
                case "--burst": o.Burst = (int)Number(); break;
                case "--budget": o.Budget = (int)Number(); break;
                case "--budget-window-seconds": o.BudgetWindow = TimeSpan.FromSeconds(Number()); break;
                case "--no-retry-after": o.SendRetryAfter = false; break;
                case "--error-share": o.ErrorShare = Number(); break;
                case "--drop-share": o.DropShare = Number(); break;
                case "--slow-share": o.SlowShare = Number(); break;
                case "--slow-ms": o.SlowDelay = TimeSpan.FromMilliseconds(Number()); break;
                case "--fault-seed": o.FaultSeed = (int)Number(); break;
                case "--seed": o.SeedFile = Next(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return o;
    }
}
