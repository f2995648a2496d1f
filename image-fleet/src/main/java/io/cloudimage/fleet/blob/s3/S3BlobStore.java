package io.cloudimage.fleet.blob.s3;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.fleet.workflow.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link BlobStore} in an S3 bucket: each blob is the object {@code PREFIX/sha256/DIGEST}, so
 * writing the same content twice writes the same object with the same bytes, and a retried activity
 * changes nothing. Every worker of a cluster that names the same bucket and prefix shares the
 * store, with no shared file system.
 *
 * <p>Reads download the object into a local cache folder, hashing it on the way, and refuse bytes
 * that do not have the digest they are stored under ({@link CorruptDataException} naming the
 * object); {@link #verify} always reads the bucket again. Uploads carry the SHA-256, so S3 itself
 * refuses an upload damaged in transit. Blobs stream through files: none is held in memory.
 *
 * <p>Every call to S3 ends within the {@linkplain Builder#callTimeout call timeout}. Credentials
 * come from the SDK's default chain ({@code AWS_ACCESS_KEY_ID}, {@code AWS_PROFILE}, web identity,
 * the container's or instance's role).
 *
 * <pre>{@code
 * try (S3BlobStore blobs =
 *     S3BlobStore.builder().location(URI.create("s3://fleet-blobs/prod")).region("eu-west-1").build()) {
 *   String digest = blobs.putFile(plan);
 *   Path copy = blobs.get(digest);
 * }
 * }</pre>
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  /** The call timeout when none is given: a plan of some megabytes uploads well within it. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

  private final String bucket;
  private final String prefix;
  private final Path cache;
  private final boolean ownCache;
  private final SdkHttpClient http;
  private final S3Client s3;

  private S3BlobStore(Builder b, String bucket) throws IOException {
    this.bucket = bucket;
    this.prefix = b.prefix;
    Path dir = b.cache;
    this.ownCache = dir == null;
    this.cache = dir != null ? dir : Files.createTempDirectory("cloudimage-blobs-");
    Duration timeout = b.callTimeout;
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(timeout.compareTo(TEN_SECONDS) < 0 ? timeout : TEN_SECONDS)
            .socketTimeout(timeout)
            .build();
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(http)
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .region(region(b.region))
            // The SHA-256 sent with each upload is the integrity check; no second checksum.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(timeout)
                    .apiCallTimeout(timeout)
                    .build());
    URI endpoint = b.endpoint;
    if (endpoint != null) {
      // Emulators and private endpoints answer on one host: bucket in the path.
      builder.endpointOverride(endpoint).forcePathStyle(true);
    } else {
      builder.crossRegionAccessEnabled(true);
    }
    this.s3 = builder.build();
  }

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  /** A builder; the bucket is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the blobs are: {@code s3://BUCKET/PREFIX}. */
  public URI location() {
    return URI.create("s3://" + bucket + "/" + prefix);
  }

  /** The object key of {@code digest}. */
  String key(String digest) {
    return prefix + "sha256/" + BlobStore.requireDigest(digest);
  }

  private String where(String digest) {
    return "s3://" + bucket + "/" + key(digest);
  }

  @Override
  public String put(Content content) {
    try {
      Path dir = Files.createDirectories(cache.resolve("sha256"));
      Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
      try {
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
          content.writeTo(out);
        }
        byte[] raw = sha.digest();
        String digest = HexFormat.of().formatHex(raw);
        String key = key(digest);
        if (!exists(digest)) {
          S3Errors.call(
              "write " + where(digest),
              () ->
                  s3.putObject(
                      r ->
                          r.bucket(bucket)
                              .key(key)
                              .contentType("application/octet-stream")
                              .checksumSHA256(Base64.getEncoder().encodeToString(raw)),
                      RequestBody.fromFile(tmp)));
        }
        keep(tmp, cached(digest));
        return digest;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage a blob for " + location() + " in " + cache, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The file is in this store's cache folder; a blob read once is not downloaded again.
   */
  @Override
  public Path get(String digest) {
    Path p = cached(digest);
    if (Files.isRegularFile(p)) {
      return p;
    }
    return fetch(digest);
  }

  /** Reads the object again from the bucket, whatever the cache holds, and checks its digest. */
  @Override
  public void verify(String digest) {
    fetch(digest);
  }

  /** Whether the object is there already; a missing bucket shows when it is written. */
  private boolean exists(String digest) {
    String key = key(digest);
    Boolean found =
        S3Errors.call(
            "look for " + where(digest),
            () -> {
              try {
                s3.headObject(r -> r.bucket(bucket).key(key));
                return true;
              } catch (NoSuchKeyException e) {
                return false;
              } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                  return false;
                }
                throw e;
              }
            });
    return Boolean.TRUE.equals(found);
  }

  /** Downloads {@code digest} into the cache, hashing it; returns the cached file. */
  private Path fetch(String digest) {
    String key = key(digest);
    try {
      Path dir = Files.createDirectories(cache.resolve("sha256"));
      Path tmp = Files.createTempFile(dir, ".download-", ".tmp");
      try {
        MessageDigest sha = sha256();
        S3Errors.call(
            "read " + where(digest),
            () -> {
              try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key));
                  OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                in.transferTo(out);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + where(digest), e);
              }
              return null;
            });
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(digest)) {
          throw new CorruptDataException(
              null,
              -1,
              where(digest)
                  + " holds bytes with SHA-256 "
                  + actual
                  + ", not the "
                  + digest
                  + " it is stored under; it was changed after it was written: delete it and run"
                  + " the fleet again");
        }
        Path target = cached(digest);
        keep(tmp, target);
        return target;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache " + where(digest) + " in " + cache, e);
    }
  }

  private Path cached(String digest) {
    return cache.resolve("sha256").resolve(BlobStore.requireDigest(digest));
  }

  private static void keep(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Region region(@Nullable String given) {
    if (given != null) {
      return Region.of(given);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      // No AWS_REGION or profile region: S3 redirects a request to the bucket's own region.
      return Region.US_EAST_1;
    }
  }

  /** Closes the S3 client and, when the store made its own cache folder, deletes it. */
  @Override
  public void close() {
    s3.close();
    http.close();
    if (ownCache) {
      try (Stream<Path> paths = Files.walk(cache)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // A temporary folder left behind is harmless.
      }
    }
  }

  @Override
  public String toString() {
    return location().toString();
  }

  /** Builds an {@link S3BlobStore}. */
  public static final class Builder {
    private @Nullable String bucket;
    private String prefix = "";
    private @Nullable String region;
    private @Nullable URI endpoint;
    private @Nullable Path cache;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

    private Builder() {}

    /** The bucket (required); it must exist. */
    public Builder bucket(String bucket) {
      if (bucket.isBlank() || bucket.contains("/")) {
        throw new InvalidInputException("'" + bucket + "' is not an S3 bucket name");
      }
      this.bucket = bucket;
      return this;
    }

    /** The key prefix the blobs go under ({@code fleets/prod}); none by default. */
    public Builder keyPrefix(String prefix) {
      String p = prefix;
      while (p.startsWith("/")) {
        p = p.substring(1);
      }
      this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
      return this;
    }

    /**
     * The bucket and key prefix of {@code s3://BUCKET/PREFIX}.
     *
     * @throws InvalidInputException when {@code location} is not an s3:// URI with a bucket
     */
    public Builder location(URI location) {
      String host = location.getHost();
      if (!"s3".equals(location.getScheme()) || host == null || host.isBlank()) {
        throw new InvalidInputException(
            "a blob store in S3 is given as s3://BUCKET/PREFIX, not " + location);
      }
      bucket(host);
      String path = location.getPath();
      return keyPrefix(path == null ? "" : path);
    }

    /** The bucket's region; by default the SDK's (AWS_REGION, the profile), else us-east-1. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Another S3 endpoint (an emulator, a private endpoint); buckets go in the path then. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The local folder read blobs are cached in; by default a temporary folder that {@link
     * #close()} deletes.
     */
    public Builder cache(Path folder) {
      this.cache = folder;
      return this;
    }

    /** How long one call to S3 may take, retries included (default two minutes). */
    public Builder callTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the call timeout must be positive: " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * The store; nothing is sent to S3 until the first call.
     *
     * @throws NullPointerException when no bucket was given
     */
    public S3BlobStore build() {
      String b = Objects.requireNonNull(bucket, "bucket");
      try {
        return new S3BlobStore(this, b);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a cache folder for the blob store", e);
      }
    }
  }
}
