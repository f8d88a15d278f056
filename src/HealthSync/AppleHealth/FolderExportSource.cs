namespace HealthSync.AppleHealth;

/// <summary>An extracted export: the folder itself or its parent, holding apple_health_export/.</summary>
internal static class FolderExportSource
{
    public static ExportSource Create(string path)
    {
        var folders = new[] { path, System.IO.Path.Combine(path, "apple_health_export") }.Where(Directory.Exists);
        foreach (var folder in folders)
        {
            // The XML's name is localized (导出.xml, 輸出.xml): recognize it by its content, not its name.
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                using var probe = File.OpenRead(file);
                if (ExportSource.StartsHealthData(probe))
                {
                    var name = System.IO.Path.GetRelativePath(path, file);
                    return XmlFileExportSource.Open(path, System.IO.Path.Combine(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path)), name), file);
                }
            }
        }

        throw new ExportReadException(path, null, "no HealthData document in this folder: expected apple_health_export/export.xml");
    }
}
