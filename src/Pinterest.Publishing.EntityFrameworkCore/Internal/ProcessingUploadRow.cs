namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>The media id of a video upload still processing, per publish (table <c>pinterest_processing_uploads</c>).</summary>
internal sealed class ProcessingUploadRow
{
    public string OperationId { get; set; } = "";

    public string MediaId { get; set; } = "";

    public long UpdatedAt { get; set; }
}
