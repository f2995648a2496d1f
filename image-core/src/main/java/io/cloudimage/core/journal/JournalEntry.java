package io.cloudimage.core.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonTrees;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a record being appended; see {@link Journal#append}. The names {@code seq}, {@code
 * time}, {@code type}, {@code prev} and {@code hash} belong to the journal and are ignored.
 *
 * <pre>{@code
 * journal.append("NOTE", r -> r.put("text", "hello").put("bytes", 12));
 * }</pre>
 */
public final class JournalEntry {
  private final ObjectNode node;

  JournalEntry(ObjectNode node) {
    this.node = node;
  }

  /** A text field; {@code null} writes JSON null. */
  public JournalEntry put(String field, @Nullable String value) {
    node.put(field, value);
    return this;
  }

  /** A whole-number field. */
  public JournalEntry put(String field, long value) {
    node.put(field, value);
    return this;
  }

  /** A true/false field. */
  public JournalEntry put(String field, boolean value) {
    node.put(field, value);
    return this;
  }

  /** A list of texts, in order. */
  public JournalEntry putList(String field, Collection<String> values) {
    ArrayNode list = node.putArray(field);
    values.forEach(list::add);
    return this;
  }

  /**
   * A field whose value is JSON the caller already holds (an object or a list read from another
   * record).
   *
   * @throws InvalidInputException when {@code json} is not JSON
   */
  public JournalEntry putJson(String field, String json) {
    node.set(field, JsonTrees.parse(json, "journal field " + field));
    return this;
  }
}
