using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Barometer.Web.Tests.Hosting;

/// <summary>A response read whole: status, media type, headers and body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Bytes);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"{(int)Status} {MediaType}: {(Text.Length > 600 ? Text[..600] + "…" : Text)}";
}

/// <summary>Small helpers to call the API and read the answer whole.</summary>
public static class ApiCalls
{
    public static async Task<ApiResponse> Get(this HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        return await Call(client, request);
    }

    public static async Task<ApiResponse> Post(this HttpClient client, string url, string? body, string mediaType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        configure?.Invoke(request);
        return await Call(client, request);
    }

    public static async Task<ApiResponse> Call(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, response.Content.Headers, bytes);
    }
}
