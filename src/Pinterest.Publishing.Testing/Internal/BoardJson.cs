using System.Text.Json;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>A board and a board section as the API answers them (the spec's <c>Board</c> and <c>BoardSection</c> schemas).</summary>
internal static class BoardJson
{
    public static void WriteBoard(Utf8JsonWriter w, EmulatedBoard board, string ownerUsername, int pinCount)
    {
        w.WriteStartObject();
        w.WriteString("id", board.Id);
        w.WriteString("name", board.Name);
        w.WriteNullableString("description", board.Description);
        w.WriteString("privacy", board.Privacy);
        w.WritePropertyName("owner");
        w.WriteStartObject();
        w.WriteString("username", ownerUsername);
        w.WriteEndObject();
        w.WriteTimestamp("created_at", board.CreatedAt);
        w.WriteTimestamp("board_pins_modified_at", board.CreatedAt);
        w.WriteNumber("pin_count", pinCount);
        w.WriteNumber("follower_count", 0);
        w.WriteNumber("collaborator_count", 0);
        w.WriteBoolean("is_ads_only", false);
        w.WritePropertyName("media");
        w.WriteStartObject();
        w.WriteNull("image_cover_url");
        w.WritePropertyName("pin_thumbnail_urls");
        w.WriteStartArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteSection(Utf8JsonWriter w, EmulatedBoardSection section)
    {
        w.WriteStartObject();
        w.WriteString("id", section.Id);
        w.WriteString("name", section.Name);
        w.WriteEndObject();
    }
}
