using System.Text;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>Realistic create requests and a created Pin as Pinterest returns it (201).</summary>
internal static class SamplePins
{
    public const string BoardId = "549755885175";

    public static CreatePinRequest ImageRequest() => new()
    {
        BoardId = BoardId,
        Title = "Autumn table setting",
        Description = "Warm colours, linen napkins and small pumpkins: a simple autumn table for six.",
        Link = "https://example.com/blog/autumn-table",
        AltText = "A wooden table set for six with pumpkins",
        MediaSource = new ImageUrlMediaSource { Url = "https://images.example.com/pins/autumn-table-1000x1500.jpg" },
    };

    public static CreatePinRequest CarouselRequest() => new()
    {
        BoardId = BoardId,
        Title = "Five autumn tables",
        Description = "Five ways to set an autumn table.",
        Link = "https://example.com/blog/autumn-tables",
        MediaSource = new MultipleImageUrlsMediaSource
        {
            Items = Enumerable.Range(1, 5).Select(i => new ImageUrlItem
            {
                Url = $"https://images.example.com/pins/autumn-table-{i}.jpg",
                Title = $"Table {i}",
                Description = $"The table number {i}.",
                Link = $"https://example.com/blog/autumn-tables#{i}",
            }).ToList(),
        },
    };

    public static byte[] CreatedPinJson() => Encoding.UTF8.GetBytes("""
        {
          "id": "813744226420795884",
          "created_at": "2026-11-23T12:00:00",
          "link": "https://example.com/blog/autumn-table",
          "title": "Autumn table setting",
          "description": "Warm colours, linen napkins and small pumpkins: a simple autumn table for six.",
          "dominant_color": "#6E7874",
          "alt_text": "A wooden table set for six with pumpkins",
          "creative_type": "REGULAR",
          "board_id": "549755885175",
          "board_section_id": null,
          "board_owner": { "username": "bench_user" },
          "is_owner": true,
          "media": {
            "media_type": "image",
            "images": {
              "150x150": { "width": 150, "height": 150, "url": "https://i.pinimg.com/150x150/0d/f6/f1/0df6f1f0.jpg" },
              "400x300": { "width": 400, "height": 300, "url": "https://i.pinimg.com/400x300/0d/f6/f1/0df6f1f0.jpg" },
              "600x": { "width": 600, "height": 900, "url": "https://i.pinimg.com/600x/0d/f6/f1/0df6f1f0.jpg" },
              "1200x": { "width": 1000, "height": 1500, "url": "https://i.pinimg.com/1200x/0d/f6/f1/0df6f1f0.jpg" }
            }
          },
          "parent_pin_id": null,
          "is_standard": true,
          "has_been_promoted": false,
          "note": "",
          "pin_metrics": null
        }
        """);
}
