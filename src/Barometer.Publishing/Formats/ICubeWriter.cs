using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>Writes a <see cref="Cube"/> in one output format (a PxWeb API 2.0 <c>outputFormat</c>).</summary>
public interface ICubeWriter
{
    /// <summary>The PxWeb <c>outputFormat</c> name, e.g. <c>json-stat2</c>.</summary>
    string Format { get; }

    /// <summary>The media type of the response, with charset where the format is text.</summary>
    string ContentType { get; }

    /// <summary>The file name extension without the dot, e.g. <c>csv</c>.</summary>
    string FileExtension { get; }

    /// <summary>
    /// Writes the cube to <paramref name="output"/>. Writers write synchronously; a host that forbids synchronous
    /// I/O on its response stream writes into a buffer first.
    /// </summary>
    void Write(Cube cube, Stream output, CubeWriteOptions options);
}
