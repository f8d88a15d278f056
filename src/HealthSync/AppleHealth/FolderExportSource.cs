namespace HealthSync.AppleHealth;

/// <summary>A folder given as the export: the extracted apple_health_export, its parent, or a folder holding export.zip.</summary>
/// <remarks>
/// Exports are found in the folder itself and in its direct subfolders (HealthData XML files, recognized by content
/// since the name is localized) and as zips in the folder. A folder holding several is refused with the list: reading
/// one of them silently would sync an export the user did not mean.
/// </remarks>
internal static class FolderExportSource
{
    public static ExportSource Create(string path)
    {
        var documents = Documents(path).ToList();
        var zips = new List<(string Name, ExportSource Source)>();
        try
        {
            foreach (var zip in Directory.EnumerateFiles(path, "*.zip").Order(StringComparer.Ordinal))
            {
                ExportSource source;
                try
                {
                    source = ZipExportSource.Create(zip);
                }
                catch (ExportReadException)
                {
                    continue; // not an export (or one damaged past use): not a candidate
                }

                // export.zip beside the folder it was extracted to is one export, not two: same document, same size.
                if (source is ZipExportSource { DocumentLength: var length } && documents.Any(d => d.Length == length))
                {
                    source.Dispose();
                    continue;
                }

                zips.Add((System.IO.Path.GetFileName(zip), source));
            }

            var candidates = documents.Select(d => d.Name).Concat(zips.Select(z => z.Name)).ToList();
            if (candidates.Count > 1)
            {
                throw new ExportReadException(path, null,
                    $"this folder holds {candidates.Count} exports ({string.Join(", ", candidates)}): give the path of the one to read");
            }

            if (documents.Count == 1)
            {
                var document = documents[0];
                return XmlFileExportSource.Open(path, System.IO.Path.Combine(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path)), document.Name), document.Path);
            }

            if (zips.Count == 1)
            {
                var only = zips[0].Source;
                zips.Clear();
                return only;
            }
        }
        finally
        {
            foreach (var (_, source) in zips)
            {
                source.Dispose();
            }
        }

        throw new ExportReadException(path, null, "no HealthData document in this folder: expected apple_health_export/export.xml or export.zip");
    }

    /// <summary>HealthData XML files in the folder and its direct subfolders, named relative to the folder.</summary>
    private static IEnumerable<(string Name, string Path, long Length)> Documents(string path)
    {
        var folders = Directory.EnumerateDirectories(path).Order(StringComparer.Ordinal).Prepend(path);
        foreach (var folder in folders)
        {
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList();
            }
            catch (UnauthorizedAccessException)
            {
                continue; // a folder the user cannot read holds no export of theirs
            }

            foreach (var file in files)
            {
                bool isExport;
                using (var probe = File.OpenRead(file))
                {
                    isExport = ExportSource.StartsHealthData(probe);
                }

                if (isExport)
                {
                    yield return (System.IO.Path.GetRelativePath(path, file), file, new FileInfo(file).Length);
                }
            }
        }
    }
}
