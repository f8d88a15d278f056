using System.Globalization;
using System.Xml;
using HealthSync.AppleHealth;

// Every node of the export's HealthData document (the same zip entry `healthsync inspect` reads), every attribute
// value materialized, the DTD skipped: the cost of reading the file with a general XML reader.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: xmlreader-pass EXPORT");
    return 2;
}

using var source = ExportSource.Open(args[0]);
using var stream = source.OpenDocument();
using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
long nodes = 0, attributes = 0;
while (reader.Read())
{
    nodes++;
    if (reader.MoveToFirstAttribute())
    {
        do
        {
            attributes += reader.Value.Length > 0 ? 1 : 0;
        }
        while (reader.MoveToNextAttribute());
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nodes} nodes, {attributes} attributes"));
return 0;
