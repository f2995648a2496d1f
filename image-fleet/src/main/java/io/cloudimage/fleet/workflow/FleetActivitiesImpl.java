package io.cloudimage.fleet.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cloudimage.core.error.CorruptDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet activities over a blob store. A page is one JSON document per line: a {@link ShardTask}
 * per line in a task page, a {@link ShardReport} per line in a report page.
 */
public final class FleetActivitiesImpl implements FleetActivities {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader TASK = MAPPER.readerFor(ShardTask.class);
  private static final ObjectReader REPORT = MAPPER.readerFor(ShardReport.class);
  private static final ObjectWriter LINE = MAPPER.writer();

  private final BlobStore blobs;

  /** Activities over {@code blobs}, the store every worker of the fleet shares. */
  public FleetActivitiesImpl(BlobStore blobs) {
    this.blobs = blobs;
  }

  @Override
  public List<ShardTask> shardPage(String digest) {
    return read(blobs, digest, TASK);
  }

  @Override
  public String reportPage(List<ShardReport> reports) {
    return write(blobs, reports);
  }

  /** Writes one page of {@code items}, a JSON document per line; returns its digest. */
  static String write(BlobStore blobs, List<?> items) {
    return blobs.put(
        out -> {
          for (Object item : items) {
            byte[] line = LINE.writeValueAsBytes(item);
            out.write(line);
            out.write('\n');
          }
        });
  }

  /** The shard reports of a report page. */
  static List<ShardReport> reports(BlobStore blobs, String digest) {
    return read(blobs, digest, REPORT);
  }

  private static <T> List<T> read(BlobStore blobs, String digest, ObjectReader reader) {
    Path page = blobs.get(digest);
    List<T> items = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(page, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        try {
          items.add(reader.readValue(line));
        } catch (IOException e) {
          throw new CorruptDataException(
              page, -1, "line " + n + " is not a fleet page line: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fleet page " + page, e);
    }
    return items;
  }
}
