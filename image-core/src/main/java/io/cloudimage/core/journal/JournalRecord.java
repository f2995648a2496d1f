package io.cloudimage.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One record of a journal as read back: its place, sequence number, time, type and hash, and its
 * own fields by name.
 */
public final class JournalRecord {
  private final long line;
  private final long seq;
  private final Instant time;
  private final String type;
  private final JsonNode fields;
  private final String hash;

  JournalRecord(long line, long seq, Instant time, String type, JsonNode fields, String hash) {
    this.line = line;
    this.seq = seq;
    this.time = time;
    this.type = type;
    this.fields = fields;
    this.hash = hash;
  }

  /** Its 1-based line number in the journal file. */
  public long line() {
    return line;
  }

  /** Its sequence number. */
  public long seq() {
    return seq;
  }

  /** When it was written. */
  public Instant time() {
    return time;
  }

  /** What it records ({@code INTENT}, {@code DONE}, {@code CUT}…). */
  public String type() {
    return type;
  }

  /** The SHA-256 of the record (hex). */
  public String hash() {
    return hash;
  }

  /** A text field, or {@code null}. */
  public @Nullable String text(String field) {
    JsonNode v = fields.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A whole-number field, or empty when absent or not a number. */
  public OptionalLong number(String field) {
    JsonNode v = fields.get(field);
    return v != null && v.canConvertToLong() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
  }

  /** A list-of-texts field, or an empty list when absent. */
  public List<String> texts(String field) {
    JsonNode v = fields.get(field);
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** Whether the record has the field. */
  public boolean has(String field) {
    return fields.has(field);
  }

  /** Every field as compact JSON text, as written. */
  public String json() {
    return fields.toString();
  }

  /** The fields as a tree, for the journal's own rewriting. */
  JsonNode tree() {
    return fields;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JournalRecord r && r.seq == seq && r.hash.equals(hash) && r.line == line;
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, seq, hash);
  }

  @Override
  public String toString() {
    return "JournalRecord[line="
        + line
        + ", seq="
        + seq
        + ", type="
        + type
        + ", hash="
        + hash
        + "]";
  }
}
