package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.Sanitization;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A provider whose state is an inventory file plus an append-only, fsync'd log of the mutations
 * made ({@code ops.log}): one line per action that happened, so a test can count them across killed
 * processes. A torn last line (a kill mid-write) is an action that did not happen.
 */
class FileFakeProvider implements ImageDriver {
  private final Path dir;
  private final long sleepMillis;

  FileFakeProvider(Path dir, long sleepMillis) {
    this.dir = dir;
    this.sleepMillis = sleepMillis;
    Path log = dir.resolve("ops.log");
    try {
      if (Files.exists(log)) {
        byte[] all = Files.readAllBytes(log);
        int keep = all.length;
        while (keep > 0 && all[keep - 1] != '\n') {
          keep--;
        }
        if (keep != all.length) {
          try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            ch.force(true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mutation lines so far. */
  static List<String> ops(Path dir) throws IOException {
    Path log = dir.resolve("ops.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  private synchronized void record(String line) {
    pause();
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve("ops.log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pause() {
    if (sleepMillis > 0) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record State(Map<String, Image> images, Map<String, Snapshot> snapshots) {}

  private synchronized State state() {
    Map<String, Image> images = new LinkedHashMap<>();
    Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    Inventory.file(dir.resolve("inventory.json"))
        .forEach(
            new Inventory.Sink() {
              @Override
              public void image(Image image) {
                images.put(image.nativeId(), image);
              }

              @Override
              public void snapshot(Snapshot snapshot) {
                snapshots.put(snapshot.id(), snapshot);
              }
            });
    try {
      for (String line : ops(dir)) {
        String[] p = line.split("\t");
        String id = p[1];
        Image i = images.get(id);
        Snapshot s = snapshots.get(id);
        switch (p[0]) {
          case "DEREGISTER", "ERASE" -> {
            images.remove(id);
            if (p.length > 2 && p[2].equals("true") && i != null) {
              Resource.backingSnapshots(i).forEach(snapshots::remove);
            }
          }
          case "DELETE_SNAPSHOT" -> snapshots.remove(id);
          case "TIER" -> {
            StorageTier t = StorageTier.parse(p[2]);
            if (i != null) {
              images.put(id, i.toBuilder().tier(t).build());
            } else if (s != null) {
              snapshots.put(id, s.toBuilder().tier(t).tierChanged(Instant.now()).build());
            }
          }
          case "TAG" -> {
            Tags t = Tags.parse(p[2]);
            if (i != null) {
              images.put(id, i.toBuilder().tags(i.tags().with(t)).build());
            } else if (s != null) {
              snapshots.put(id, s.toBuilder().tags(s.tags().with(t)).build());
            }
          }
          case "DEPRECATE" ->
              images.put(id, i.toBuilder().deprecation(Instant.parse(p[2])).build());
          case "DISABLE" -> images.put(id, i.toBuilder().state(ImageState.DISABLED).build());
          case "UNSHARE" -> images.put(id, i.toBuilder().sharing(Sharing.NONE).build());
          case "INUSE" -> images.put(id, i.toBuilder().inUse(true).build());
          default -> throw new IllegalStateException(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new State(images, snapshots);
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String region() {
    return "local";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.all();
  }

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    return new Page<>(state().images().values().stream().filter(query::matches).toList(), null);
  }

  /** Wrapped in the client, as callers hold it. */
  ImageProvider client() {
    return ImageProvider.of(this, ProviderConfig.DEFAULTS);
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    return new Page<>(List.copyOf(state().snapshots().values()), null);
  }

  @Override
  public Image describeImage(String imageId) {
    Image i = state().images().get(imageId);
    if (i == null) {
      throw new NotFoundException("no image " + imageId);
    }
    return i;
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    Snapshot s = state().snapshots().get(snapshotId);
    if (s == null) {
      throw new NotFoundException("no snapshot " + snapshotId);
    }
    return s;
  }

  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    boolean deleteSnapshots = options.deletesSnapshots();
    Image i = describeImage(imageId);
    if (i.usage().inUse() || i.usage().deregistrationProtected()) {
      throw new ConflictException(imageId + " is in use or protected");
    }
    record("DEREGISTER\t" + imageId + "\t" + deleteSnapshots);
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    describeSnapshot(snapshotId);
    State st = state();
    for (Image i : st.images().values()) {
      if (i.state().holdsStorage() && Resource.backingSnapshots(i).contains(snapshotId)) {
        throw new ConflictException(snapshotId + " backs " + i.nativeId());
      }
    }
    record("DELETE_SNAPSHOT\t" + snapshotId);
  }

  @Override
  public void moveTier(String resourceId, StorageTier tier, Operation operation) {
    if (!state().images().containsKey(resourceId)) {
      describeSnapshot(resourceId);
    }
    record("TIER\t" + resourceId + "\t" + tier);
  }

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    add.asMap().forEach((k, v) -> record("TAG\t" + resourceId + "\t" + k + "=" + v));
  }

  @Override
  public void deprecate(String imageId, Instant at) {
    describeImage(imageId);
    record("DEPRECATE\t" + imageId + "\t" + at);
  }

  @Override
  public void disable(String imageId) {
    describeImage(imageId);
    record("DISABLE\t" + imageId);
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    describeImage(imageId);
    record("UNSHARE\t" + imageId);
  }

  @Override
  public Sanitization erase(String imageId, Operation operation) {
    Image i = describeImage(imageId);
    record("ERASE\t" + imageId);
    return new Sanitization(
        imageId,
        "CLEAR",
        "overwrote " + i.storage().sizeBytes() + " bytes with zeros, deleted",
        "read back: all zero",
        Instant.now());
  }

  /** Marks an image in use (test control, not an action). */
  void markInUse(String imageId) {
    record("INUSE\t" + imageId);
  }

  @Override
  public Set<String> imagesInUse() {
    Set<String> out = new java.util.TreeSet<>();
    state().images().values().stream()
        .filter(i -> i.usage().inUse())
        .forEach(i -> out.add(i.nativeId()));
    return out;
  }

  @Override
  public void close() {}
}
