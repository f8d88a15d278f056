using System.IO.Compression;
using System.Text;

namespace HealthSync.Tests.Support;

/// <summary>Builds small exports as the Health app writes them: a prologue, a DTD, HealthData, and zip entries.</summary>
internal sealed class ExportBuilder
{
    /// <summary>The start of a real v12 export, its DTD trimmed but broken the same way (an unterminated ATTLIST).</summary>
    public const string V12Prologue = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE HealthData [
          <!-- HealthKit Export Version: 12 -->
          <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|VisionPrescription)*)>
          <!ATTLIST HealthData locale CDATA #REQUIRED
          <!ELEMENT ExportDate EMPTY>
        ]>

        """;

    private readonly StringBuilder _body = new();
    private readonly List<(string Name, byte[] Content)> _entries = [];

    public string Prologue { get; set; } = V12Prologue;

    /// <summary>Appends raw XML inside HealthData (Records, Workouts, fragments from ../shared).</summary>
    public ExportBuilder Add(string xml)
    {
        _body.AppendLine(xml);
        return this;
    }

    /// <summary>Adds another zip entry (a route file, a Mac resource fork...).</summary>
    public ExportBuilder Entry(string name, string content) => Entry(name, Encoding.UTF8.GetBytes(content));

    public ExportBuilder Entry(string name, byte[] content)
    {
        _entries.Add((name, content));
        return this;
    }

    public string Xml => Prologue + "<HealthData locale=\"en_US\">\n <ExportDate value=\"2025-10-01 09:00:00 +0200\"/>\n" + _body + "</HealthData>\n";

    public string WriteXml(string path)
    {
        File.WriteAllText(path, Xml);
        return path;
    }

    /// <summary>Writes export.zip with the document at apple_health_export/{xmlName} after the extra entries given first.</summary>
    public string WriteZip(string path, string xmlName = "export.xml", bool documentFirst = true)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var document = ("apple_health_export/" + xmlName, Encoding.UTF8.GetBytes(Xml));
        var entries = documentFirst ? _entries.Prepend(document) : _entries.Append(document);
        foreach (var (name, content) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            using var stream = entry.Open();
            stream.Write(content);
        }

        return path;
    }

    /// <summary>A fragment from ../shared/fixtures/apple-health/fragments-watchos11.</summary>
    public static string Fragment(string name) => File.ReadAllText(RepoPaths.AppleHealthFixture(Path.Combine("fragments-watchos11", name)));

    /// <summary>A GPX route as the Health app writes it, one trkseg per list of points.</summary>
    public static string Gpx(params (double Lat, double Lon, string Time)[][] segments)
    {
        var sb = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Route</name>
            """);
        foreach (var segment in segments)
        {
            sb.Append("<trkseg>");
            foreach (var (lat, lon, time) in segment)
            {
                sb.Append(FormattableString.Invariant($"<trkpt lon=\"{lon}\" lat=\"{lat}\"><ele>12.5</ele><time>{time}</time><extensions><speed>2.5</speed><course>90</course><hAcc>3</hAcc><vAcc>2</vAcc></extensions></trkpt>"));
            }

            sb.Append("</trkseg>");
        }

        return sb.Append("</trk></gpx>").ToString();
    }
}
