package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image's or snapshot's tags: an immutable, key-sorted map. Keys are 1–128 characters, values at
 * most 256, as on EC2 and ECS.
 *
 * <pre>{@code
 * Tags tags = Tags.of("team", "platform").with("cloudimage:keep", "true");
 * }</pre>
 */
public final class Tags {
  /** No tags. */
  public static final Tags EMPTY = new Tags(new TreeMap<>());

  private final Map<String, String> map;

  private Tags(TreeMap<String, String> map) {
    this.map = Collections.unmodifiableMap(map);
  }

  /** Tags from a map; validates keys and values. */
  public static Tags of(Map<String, String> map) {
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach((k, v) -> copy.put(checkKey(k), checkValue(k, v)));
    return new Tags(copy);
  }

  /** One tag. */
  public static Tags of(String key, String value) {
    return EMPTY.with(key, value);
  }

  /**
   * Parses {@code key=value}.
   *
   * @throws InvalidInputException when there is no {@code =} or the key is empty
   */
  public static Tags parse(String keyEqualsValue) {
    int eq = keyEqualsValue.indexOf('=');
    if (eq <= 0) {
      throw new InvalidInputException("tag '" + keyEqualsValue + "' must look like key=value");
    }
    return of(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
  }

  private static String checkKey(String key) {
    if (key.isEmpty() || key.length() > 128) {
      throw new InvalidInputException("tag key '" + key + "' must be 1 to 128 characters");
    }
    return key;
  }

  private static String checkValue(String key, String value) {
    if (value.length() > 256) {
      throw new InvalidInputException("tag '" + key + "' value must be at most 256 characters");
    }
    return value;
  }

  /** These tags with one added or replaced. */
  public Tags with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(map);
    copy.put(checkKey(key), checkValue(key, value));
    return new Tags(copy);
  }

  /** These tags with every tag of {@code other} added or replaced. */
  public Tags with(Tags other) {
    TreeMap<String, String> copy = new TreeMap<>(map);
    copy.putAll(other.map);
    return new Tags(copy);
  }

  /** These tags without the key. */
  public Tags without(String key) {
    TreeMap<String, String> copy = new TreeMap<>(map);
    copy.remove(key);
    return new Tags(copy);
  }

  /** The value of a tag. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  /** Whether the tag is present. */
  public boolean has(String key) {
    return map.containsKey(key);
  }

  /** The tags as a key-sorted, unmodifiable map. */
  public Map<String, String> asMap() {
    return map;
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tags && ((Tags) o).map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
