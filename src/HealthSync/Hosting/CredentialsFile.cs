using System.Text.Json;
using System.Text.Json.Serialization;
using HealthSync.State;

namespace HealthSync.Hosting;

/// <summary>The stored Intervals.icu account: <c>credentials.json</c> in the state folder, readable by the user alone (mode 600).</summary>
/// <remarks>Kept out of the database on purpose: the database may be copied or shared for support; this file never is.</remarks>
public static class CredentialsFile
{
    /// <summary>The file name inside the state folder.</summary>
    public const string FileName = "credentials.json";

    /// <summary>Reads the stored account; null when there is none.</summary>
    public static StoredCredentials? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CredentialsJson.Default.StoredCredentials);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the stored account; false when there was none.</summary>
    public static bool Delete(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Writes the account to a new file created with mode 600, then moves it over the old one.</summary>
    public static string Write(string directory, StoredCredentials credentials)
    {
        OwnerOnly.Folder(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");

        // Created with the mode, so there is no moment at which another user could read it.
        using (var stream = new FileStream(temporary, OwnerOnly.Create(FileMode.CreateNew, FileAccess.Write)))
        {
            JsonSerializer.Serialize(stream, credentials, CredentialsJson.Default.StoredCredentials);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}

/// <summary>What <c>healthsync login</c> stores.</summary>
public sealed record StoredCredentials(
    [property: JsonPropertyName("apiKey")] string? ApiKey,
    [property: JsonPropertyName("accessToken")] string? AccessToken,
    [property: JsonPropertyName("athleteId")] string? AthleteId,
    [property: JsonPropertyName("baseUrl")] string? BaseUrl)
{
    /// <summary>Never the secret.</summary>
    public override string ToString() => $"StoredCredentials(athlete {AthleteId ?? "0"}, {BaseUrl ?? "default URL"}, secret hidden)";
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredCredentials))]
internal sealed partial class CredentialsJson : JsonSerializerContext;
