using System.IO.Compression;
using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>Runs alone: the memory bounds below count every thread's allocations, so no other test may run beside them.</summary>
[CollectionDefinition(nameof(MemoryBoundCollection), DisableParallelization = true)]
public sealed class MemoryBoundCollection;

/// <summary>
/// Damaged and hostile exports: random bytes, truncations at every kind of boundary, huge attributes, deep nesting,
/// routes outside the export or too large. None may crash the reader or grow its memory without bound; each ends in
/// an <see cref="ExportReadException"/> or in listed problems.
/// </summary>
[Collection(nameof(MemoryBoundCollection))]
public sealed class HostileExportTests
{
    /// <summary>Generous: a small export reads in a few MB (the read-ahead blocks are 5 MB); the old reader took GBs here.</summary>
    private const long MaxAllocatedBytes = 48L << 20;

    private static readonly string V12Zip = RepoPaths.AppleHealthFixture("v12-watchos6-walk-with-route.zip");

    private sealed record Outcome(List<Workout> Workouts, IReadOnlyList<ReadProblem> Problems, ExportReadException? Error);

    /// <summary>Reads the whole export; anything but an <see cref="ExportReadException"/> fails the test, as does memory past the bound.</summary>
    private static async Task<Outcome> ReadBoundedAsync(string path, ExportReaderOptions? options = null, long maxAllocated = MaxAllocatedBytes)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var workouts = new List<Workout>();
        IReadOnlyList<ReadProblem> problems = [];
        ExportReadException? error = null;
        try
        {
            using var export = AppleHealthExport.Open(path, options);
            try
            {
                await foreach (var workout in export.ReadWorkoutsAsync())
                {
                    workouts.Add(workout);
                }
            }
            finally
            {
                problems = export.Problems.ToList();
            }
        }
        catch (ExportReadException ex)
        {
            error = ex;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < maxAllocated, $"{Path.GetFileName(path)}: {allocated >> 20} MB allocated, bound {maxAllocated >> 20} MB");
        return new Outcome(workouts, problems, error);
    }

    [Fact]
    public async Task Should_Refuse_Random_Bytes_With_A_Clear_Error()
    {
        using var dir = new TempDirectory();
        var random = new Random(20251001);
        string[] prefixes = ["", "PK\u0003\u0004", "<", ExportBuilder.V12Prologue + "<HealthData locale=\"en_US\">", "<HealthData><Workout "];
        var markup = "<>/\"'= WorkoutRecordHealthData!-?[]\n"u8.ToArray();
        for (var i = 0; i < 150; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            if (i % 2 == 1)
            {
                // Markup-like noise reaches deeper into the scanner than uniform bytes do.
                for (var b = 0; b < bytes.Length; b++)
                {
                    bytes[b] = markup[bytes[b] % markup.Length];
                }
            }

            var path = dir.File($"random-{i}.{(i % 3 == 0 ? "zip" : "xml")}");
            await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(prefixes[i % prefixes.Length]), .. bytes]);

            var outcome = await ReadBoundedAsync(path);

            Assert.True(outcome.Error is not null || outcome.Workouts.Count == 0 || outcome.Problems.Count > 0, $"case {i} read as a sound export");
        }
    }

    [Fact]
    public async Task Should_Read_A_Real_Zip_Cut_Anywhere_As_Damaged_And_Never_As_Complete()
    {
        using var dir = new TempDirectory();
        var whole = await File.ReadAllBytesAsync(V12Zip);
        var cuts = 0;
        var salvaged = 0;
        for (var length = 0; length < whole.Length; length += 193)
        {
            var path = dir.File($"cut-{length}.zip");
            await File.WriteAllBytesAsync(path, whole[..length]);

            var outcome = await ReadBoundedAsync(path);

            if (outcome.Error is null)
            {
                // The route entry follows the document: a walk read from a cut zip must say its route is lost.
                Assert.Contains(outcome.Problems, p => p.Kind == ReadProblemKind.DocumentDamaged);
                Assert.All(outcome.Workouts, w => Assert.Equal(WorkoutDefectKind.RouteUnreadable, Assert.Single(w.Defects).Kind));
                salvaged += outcome.Workouts.Count;
            }

            cuts++;
        }

        Assert.True(cuts > 100);
        Assert.True(salvaged > 0, "no cut was read past the document: the walk by local headers did not run");
    }

    [Theory]
    [InlineData("mid-header", "version=\"1.")]
    [InlineData("mid-DTD", "<!ATTLIST Workout")]
    [InlineData("mid-Record", "unit=\"count/min\"")]
    [InlineData("mid-Workout", "<WorkoutStatistics")]
    public async Task Should_Throw_A_Clear_Error_For_A_Document_Cut_At_Each_Kind_Of_Boundary(string where, string cutBefore)
    {
        using var dir = new TempDirectory();
        var xml = RealDocumentWithRecords();
        var cut = Encoding.UTF8.GetBytes(xml[..xml.IndexOf(cutBefore, StringComparison.Ordinal)]);
        var xmlPath = dir.File("export.xml");
        await File.WriteAllBytesAsync(xmlPath, cut);
        var zipPath = dir.File("export.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            await using var stream = await zip.CreateEntry("apple_health_export/export.xml").OpenAsync();
            await stream.WriteAsync(cut);
        }

        foreach (var path in new[] { xmlPath, zipPath })
        {
            var outcome = await ReadBoundedAsync(path);

            Assert.True(outcome.Error is not null, $"{where}: no error for {Path.GetFileName(path)}");
            Assert.Empty(outcome.Workouts);
            Assert.Contains(where == "mid-header" ? "HealthData" : "truncated", outcome.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Should_Mark_The_Walk_When_The_Zip_Is_Cut_Inside_Its_Route_Entry()
    {
        using var dir = new TempDirectory();
        var whole = await File.ReadAllBytesAsync(V12Zip);
        var routeHeader = whole.AsSpan().IndexOf("apple_health_export/workout-routes/route_2020"u8);
        var path = dir.File("export.zip");
        await File.WriteAllBytesAsync(path, whole[..(routeHeader + 5000)]);

        var outcome = await ReadBoundedAsync(path);

        Assert.Null(outcome.Error);
        var walk = Assert.Single(outcome.Workouts);
        Assert.Empty(walk.Route);
        Assert.Contains("route_2020-02-24_10.18am.gpx", Assert.Single(walk.Defects).Detail, StringComparison.Ordinal);
        Assert.Equal([ReadProblemKind.DocumentDamaged, ReadProblemKind.RouteUnreadable], outcome.Problems.Select(p => p.Kind));
    }

    [Fact]
    public async Task Should_Read_Huge_Attribute_Values_In_Bounded_Memory_And_Refuse_Past_The_Element_Limit()
    {
        using var dir = new TempDirectory();
        var huge = new string('x', 4 << 20);
        var path = new ExportBuilder()
            .Add($"""<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="{huge}" unit="count/min" startDate="2025-07-14 08:10:00 +0100" endDate="2025-07-14 08:10:00 +0100" value="120"/>""")
            .Add($"""<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100"><MetadataEntry key="HKWeather" value="{huge}"/></Workout>""")
            .WriteXml(dir.File("export.xml"));

        var read = await ReadBoundedAsync(path, maxAllocated: 160L << 20);
        var limited = await ReadBoundedAsync(path, new ExportReaderOptions { BufferSize = 64 * 1024, MaxElementBytes = 1 << 20 });

        Assert.Null(read.Error);
        Assert.Single(read.Workouts);
        Assert.NotNull(limited.Error);
        Assert.Contains("an element is longer than 1 MB", limited.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", limited.Error.Place, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Survive_Deep_Nesting_Inside_And_Outside_A_Workout()
    {
        using var dir = new TempDirectory();
        const int depth = 50_000;
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var path = new ExportBuilder()
            .Add(nested)
            .Add($"""<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100">{nested}</Workout>""")
            .WriteXml(dir.File("export.xml"));

        var outcome = await ReadBoundedAsync(path);

        Assert.Null(outcome.Error);
        Assert.Single(outcome.Workouts);
    }

    [Theory]
    [InlineData("/../../../../../../../../../../dev/zero")]
    [InlineData("/workout-routes/../../../../../../../../../../dev/zero")]
    [InlineData("..\\..\\..\\..\\..\\..\\..\\..\\dev\\zero")]
    [InlineData("C:/Windows/win.ini")]
    public async Task Should_Refuse_A_Route_Path_That_Leaves_The_Export(string reference)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("apple_health_export"));
        new ExportBuilder().Add(DegradedWorkoutTests.WalkWithRoute(reference)).WriteXml(dir.File("apple_health_export/export.xml"));

        var outcome = await ReadBoundedAsync(dir.Path);

        var walk = Assert.Single(outcome.Workouts);
        Assert.Contains("is outside the export", Assert.Single(walk.Defects).Detail, StringComparison.Ordinal);
        Assert.Equal(ReadProblemKind.RouteUnreadable, Assert.Single(outcome.Problems).Kind);
    }

    [Fact]
    public async Task Should_Refuse_A_Route_Reached_Through_A_Link_Or_Larger_Than_The_Cap()
    {
        using var dir = new TempDirectory();
        var routes = Directory.CreateDirectory(dir.File("apple_health_export/workout-routes")).FullName;
        File.CreateSymbolicLink(Path.Combine(routes, "linked.gpx"), "/dev/zero");
        await using (var sparse = File.Create(Path.Combine(routes, "huge.gpx")))
        {
            sparse.SetLength(RouteFiles.MaxBytes + 1); // sparse: no disk written
        }

        new ExportBuilder()
            .Add(DegradedWorkoutTests.WalkWithRoute("/workout-routes/linked.gpx"))
            .Add(DegradedWorkoutTests.WalkWithRoute("/workout-routes/huge.gpx").Replace("08:", "09:", StringComparison.Ordinal))
            .WriteXml(dir.File("apple_health_export/export.xml"));

        var outcome = await ReadBoundedAsync(dir.Path);

        Assert.Equal(2, outcome.Workouts.Count);
        Assert.Contains("through a link", Assert.Single(outcome.Workouts[0].Defects).Detail, StringComparison.Ordinal);
        Assert.Contains("larger than 64 MB", Assert.Single(outcome.Workouts[1].Defects).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Stream_A_Zip_Bomb_Route_And_Stop_At_The_Cap()
    {
        using var dir = new TempDirectory();
        var bomb = new byte[(int)RouteFiles.MaxBytes + (1 << 20)];
        bomb.AsSpan().Fill((byte)' ');
        "<gpx>"u8.CopyTo(bomb);
        var path = new ExportBuilder()
            .Add(DegradedWorkoutTests.WalkWithRoute())
            .Entry("apple_health_export/workout-routes/route_2025-07-14_8.00am.gpx", bomb)
            .WriteZip(dir.File("export.zip"));
        bomb = null;

        var outcome = await ReadBoundedAsync(path);

        Assert.Contains("larger than 64 MB", Assert.Single(Assert.Single(outcome.Workouts).Defects).Detail, StringComparison.Ordinal);
    }

    /// <summary>The real v12 export.xml with heart-rate Records before its Workout, so that every boundary kind is in it.</summary>
    private static string RealDocumentWithRecords()
    {
        using var zip = ZipFile.OpenRead(V12Zip);
        using var reader = new StreamReader(zip.GetEntry("apple_health_export/export.xml")!.Open());
        var xml = reader.ReadToEnd();
        var workout = xml.IndexOf("<Workout ", StringComparison.Ordinal);
        return xml[..workout] + ExportBuilder.Fragment("record_heart_rate.xml") + "\n " + xml[workout..];
    }
}
