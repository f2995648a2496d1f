package io.cloudimage.examples.cli;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.fleet.blob.s3.S3BlobStore;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRuns;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --blobs DIR|s3://BUCKET/PREFIX [--blobs-region R] [--blobs-endpoint URL]}: the blob store
 * a fleet's shard pages, inventories and plans go to. Without {@code --blobs} a command uses the
 * folder it always used (a plans folder's {@code blobs/}).
 *
 * <p>{@code fleet plan -o DIR} with a bucket notes it in {@value #NOTE}, so that {@code fleet apply
 * --plans DIR} finds the plans there without being told again.
 */
final class FleetBlobOptions {
  /** The note of a plans folder whose blobs are in a bucket. */
  static final String NOTE = "fleet-blobs.properties";

  @Option(
      names = "--blobs",
      paramLabel = "DIR|s3://BUCKET/PREFIX",
      description =
          "The blob store for shard pages, inventories and plans: a folder, or a bucket and key"
              + " prefix; every worker of a task queue must use the same.")
  @Nullable String location;

  @Option(
      names = "--blobs-region",
      paramLabel = "REGION",
      description = "The bucket's region (default: AWS_REGION or the profile's, else us-east-1).")
  @Nullable String region;

  @Option(
      names = "--blobs-endpoint",
      paramLabel = "URL",
      description = "Another S3 endpoint for the bucket (an emulator, a private endpoint).")
  @Nullable URI endpoint;

  /** Whether {@code --blobs} was given. */
  boolean given() {
    return location != null;
  }

  /** The store {@code --blobs} names, or the folder {@code fallback} without it. */
  Opened open(Path fallback) {
    String where = location;
    if (where == null) {
      return new Opened(BlobStore.folder(fallback), null);
    }
    return open(where, region, endpoint);
  }

  /** The store {@code --blobs} names; only when {@link #given()}. */
  Opened open() {
    String where = location;
    if (where == null) {
      throw new IllegalStateException("no --blobs");
    }
    return open(where, region, endpoint);
  }

  /**
   * The store of a plans folder: {@code --blobs} when given, else the bucket {@code fleet plan -o}
   * noted there, else its {@code blobs/} folder.
   */
  Opened openFor(Path plans) {
    if (location != null) {
      return open();
    }
    Properties note = new Properties();
    try (Reader in = Files.newBufferedReader(plans.resolve(NOTE))) {
      note.load(in);
    } catch (NoSuchFileException e) {
      return new Opened(BlobStore.folder(plans.resolve("blobs")), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + plans.resolve(NOTE), e);
    }
    String noted = note.getProperty("blobs");
    if (noted == null) {
      throw new InvalidInputException(plans.resolve(NOTE) + ": no blobs= line");
    }
    String r = region != null ? region : note.getProperty("region");
    URI e = endpoint;
    String notedEndpoint = note.getProperty("endpoint");
    if (e == null && notedEndpoint != null) {
      e = URI.create(notedEndpoint);
    }
    return open(noted, r, e);
  }

  /** Notes a bucket in a plans folder; a folder store needs no note. */
  void note(Path plans) {
    String where = location;
    if (where == null || !where.startsWith("s3://")) {
      return;
    }
    Properties note = new Properties();
    note.setProperty("blobs", where);
    if (region != null) {
      note.setProperty("region", region);
    }
    if (endpoint != null) {
      note.setProperty("endpoint", String.valueOf(endpoint));
    }
    try (Writer out = Files.newBufferedWriter(plans.resolve(NOTE))) {
      note.store(out, "the blob store fleet plan wrote these plans to");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + plans.resolve(NOTE), e);
    }
  }

  private static Opened open(String where, @Nullable String region, @Nullable URI endpoint) {
    if (!where.startsWith("s3://")) {
      if (where.contains("://")) {
        throw new InvalidInputException(
            "--blobs '" + where + "' is neither a folder nor s3://BUCKET/PREFIX");
      }
      return new Opened(BlobStore.folder(Path.of(where)), null);
    }
    S3BlobStore.Builder b = S3BlobStore.builder().location(URI.create(where));
    if (region != null) {
      b.region(region);
    }
    if (endpoint != null) {
      b.endpoint(endpoint);
    }
    S3BlobStore s3 = b.build();
    return new Opened(s3, s3);
  }

  /** An open store, and what to close after it. */
  record Opened(BlobStore store, @Nullable AutoCloseable resource) implements AutoCloseable {
    /**
     * The report with every shard's report inline, read from the store's report pages when the run
     * was stored.
     */
    FleetReport inline(FleetReport report) {
      if (report.pages().isEmpty()) {
        return report;
      }
      return new FleetReport(
          report.fleet(), FleetRuns.shardReports(report, store), report.totals(), List.of());
    }

    @Override
    public void close() {
      AutoCloseable r = resource;
      if (r != null) {
        try {
          r.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the blob store " + store, e);
        }
      }
    }
  }
}
