package io.cloudimage.core.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one strict way to read JSON and YAML. Every reader of user or stored files goes through here
 * so that all of them refuse the same things:
 *
 * <ul>
 *   <li>a key repeated in one object (the last one would silently win);
 *   <li>nesting deeper than {@value #MAX_DEPTH} levels;
 *   <li>a string longer than {@value #MAX_STRING_LENGTH} characters, a key longer than {@value
 *       #MAX_NAME_LENGTH}, a number longer than {@value #MAX_NUMBER_LENGTH} digits;
 *   <li>non-finite numbers ({@code .nan}, {@code .inf} in YAML), and content after the document.
 * </ul>
 *
 * <p>Each failure is an {@link InvalidInputException} naming the source, the line and, where there
 * is one, the key.
 */
public final class StrictJson {
  /** The deepest nesting of objects and arrays accepted. */
  public static final int MAX_DEPTH = 64;

  /** The longest string value accepted, in characters (1 MiB). */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** The longest key accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 4096;

  /** The longest number accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Source text longer than this (in code points) is not read as YAML: 64 MiB. */
  private static final int MAX_YAML_CODE_POINTS = 64 << 20;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .build();

  private static final JsonFactory JSON = new LocatingFactory();

  private static final YAMLFactory YAML = yamlFactory();

  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private StrictJson() {}

  /**
   * The strict JSON mapper: duplicate keys refused, limits enforced, limit errors located. Its
   * parsers may be used for streaming reads; a problem surfaces as a {@link
   * JsonProcessingException} to translate with {@link #error}.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A strict streaming parser over JSON {@code in}; close it to close {@code in}. */
  public static JsonParser parser(InputStream in) throws IOException {
    return JSON.createParser(in);
  }

  /**
   * Reads a whole JSON or YAML document: YAML when {@code source} ends in {@code .yaml} or {@code
   * .yml} or the text does not start with <code>{</code> or {@code [}, JSON otherwise.
   *
   * @param source names the input in errors, such as a file path
   * @throws InvalidInputException naming the source, the line and the key of anything refused
   */
  public static Document readJsonOrYaml(byte[] bytes, String source) {
    return looksLikeJson(bytes, source) ? readJson(bytes, source) : readYaml(bytes, source);
  }

  /** Reads a whole JSON document; see {@link #readJsonOrYaml}. */
  public static Document readJson(byte[] bytes, String source) {
    try (JsonParser p = JSON.createParser(bytes)) {
      return TreeReader.document(p, source);
    } catch (JsonProcessingException e) {
      throw error(source, e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads a whole JSON document from a stream, which stays open; see {@link #readJsonOrYaml}. */
  public static Document readJson(InputStream in, String source) {
    try (JsonParser p = JSON.createParser(in)) {
      return TreeReader.document(p, source);
    } catch (JsonProcessingException e) {
      throw error(source, e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a whole JSON file.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, the line and the key of anything refused
   */
  public static Document readJson(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readJson(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads a whole YAML document; see {@link #readJsonOrYaml}. */
  public static Document readYaml(byte[] bytes, String source) {
    try (JsonParser p = new BoundedParser(YAML.createParser(bytes))) {
      return TreeReader.document(p, source);
    } catch (JsonProcessingException e) {
      throw error(source, e);
    } catch (YAMLException e) {
      // SnakeYAML's own limits (document size, aliases) surface outside Jackson's exceptions.
      throw new InvalidInputException(source + ": not valid YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the value at the parser's current token (a start of an object or array, or a scalar) as a
   * tree, with the same checks as a whole document. Used by readers that stream a large array one
   * element at a time.
   */
  public static com.fasterxml.jackson.databind.JsonNode readValue(JsonParser p, String source)
      throws IOException {
    return TreeReader.value(p, source);
  }

  /**
   * The error for input Jackson refused, naming the source, the line and column and what was wrong
   * in words.
   *
   * @param source names the input, such as a file path
   */
  public static InvalidInputException error(String source, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 0 ? "" : " line " + at.getLineNr();
    String column = at == null || at.getColumnNr() < 0 ? "" : ", column " + at.getColumnNr();
    String problem;
    if (e instanceof StreamConstraintsException) {
      problem = limitMessage((StreamConstraintsException) e);
    } else {
      problem = String.valueOf(e.getOriginalMessage());
      if (problem.startsWith("Duplicate field '")) {
        String key = problem.substring("Duplicate field ".length());
        problem = "duplicate key " + key + "; each key may appear once in an object";
      } else if (!problem.contains("limit")) {
        problem = "not valid " + (isYaml(e) ? "YAML" : "JSON") + ": " + problem;
      }
    }
    return new InvalidInputException(source + where + column + ": " + problem, e);
  }

  private static boolean isYaml(JsonProcessingException e) {
    Object processor = e.getProcessor();
    return processor instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser;
  }

  /** A broken limit in words: which limit, and what cloudimage accepts. */
  static String limitMessage(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("nesting depth")) {
      return "limit exceeded: objects and arrays nested deeper than " + MAX_DEPTH + " levels";
    }
    if (m.contains("string value length")) {
      return "limit exceeded: a string longer than "
          + MAX_STRING_LENGTH
          + " characters (1 MiB); cloudimage files hold no such strings";
    }
    if (m.contains("name length")) {
      return "limit exceeded: a key longer than " + MAX_NAME_LENGTH + " characters";
    }
    if (m.contains("number value length") || m.contains("number length")) {
      return "limit exceeded: a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    return "limit exceeded: " + e.getOriginalMessage();
  }

  private static boolean looksLikeJson(byte[] bytes, String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return true;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return false;
    }
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions loader = new LoaderOptions();
    // Our own depth check fires first; SnakeYAML's is a backstop above it.
    loader.setNestingDepthLimit(MAX_DEPTH * 2);
    loader.setCodePointLimit(MAX_YAML_CODE_POINTS);
    loader.setMaxAliasesForCollections(50);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(CONSTRAINTS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /**
   * A JSON factory with the constraints and strict duplicate detection whose parsers locate limit
   * errors; {@link ObjectMapper#readTree} and streaming readers both get them.
   */
  private static final class LocatingFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    LocatingFactory() {
      super(
          new com.fasterxml.jackson.core.JsonFactoryBuilder()
              .streamReadConstraints(CONSTRAINTS)
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION));
    }

    private LocatingFactory(LocatingFactory src, @Nullable ObjectCodec codec) {
      super(src, codec);
    }

    @Override
    public JsonFactory copy() {
      return new LocatingFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      return new BoundedParser(super._createParser(in, ctxt));
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new BoundedParser(super._createParser(r, ctxt));
    }

    @Override
    protected JsonParser _createParser(
        char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
      return new BoundedParser(super._createParser(data, offset, len, ctxt, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
        throws IOException {
      return new BoundedParser(super._createParser(data, offset, len, ctxt));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
      return new BoundedParser(super._createParser(input, ctxt));
    }
  }
}
