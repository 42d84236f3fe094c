namespace Barometer.Web.Api;

/// <summary>How the API reads a POST body and words an argument error, for /data and /savedqueries alike.</summary>
internal static class RequestBodies
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadAtMost(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>An ArgumentException's message without the "(Parameter 'x')" suffix.</summary>
    public static string Plain(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
}
