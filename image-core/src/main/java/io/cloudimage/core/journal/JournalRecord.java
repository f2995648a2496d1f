package io.cloudimage.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One record of a journal as read back.
 *
 * @param line its 1-based line number in the journal file
 * @param seq its sequence number
 * @param time when it was written
 * @param type what it records ({@code INTENT}, {@code DONE}, {@code CUT}…)
 * @param fields every field of the record
 * @param hash the SHA-256 of the record (hex)
 */
public record JournalRecord(
    long line, long seq, Instant time, String type, JsonNode fields, String hash) {

  /** A text field, or {@code null}. */
  public @Nullable String text(String field) {
    JsonNode v = fields.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
