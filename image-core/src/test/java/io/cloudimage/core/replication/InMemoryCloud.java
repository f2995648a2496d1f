package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cloud held in memory with the rules replication relies on: images live in an account and a
 * region; CopyImage is called in the copying account and is idempotent under its client token in
 * that account (as EC2's {@code ClientToken}); another account copies an image only once it is
 * shared with it. Every CopyImage call is recorded with the account that made it.
 */
final class InMemoryCloud {
  static final String NAME = "memcloud";

  /** One CopyImage call: the account that made it and its request. */
  record CopyCall(String account, CopyRequest request) {}

  private record Stored(String account, Image image) {}

  private final Map<String, Stored> images = new HashMap<>();
  private final Map<String, Set<String>> shares = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final List<CopyCall> copyCalls = new ArrayList<>();
  private int next = 1;

  /** Adds an available image with a digest. */
  synchronized Image add(String account, String region, String name, String digest) {
    Image image = image(region, "img-" + next++, name, digest, Tags.EMPTY);
    images.put(image.nativeId(), new Stored(account, image));
    return image;
  }

  /** The images of an account in a region. */
  synchronized List<Image> in(String account, String region) {
    return images.values().stream()
        .filter(s -> s.account.equals(account) && s.image.id().region().equals(region))
        .map(Stored::image)
        .toList();
  }

  synchronized List<CopyCall> copyCalls() {
    return List.copyOf(copyCalls);
  }

  /** A client acting as {@code account} in {@code region}. */
  ImageProvider open(String account, String region) {
    return ImageProvider.of(
        new Driver(account, region), ProviderConfig.builder().region(region).build());
  }

  private static Image image(String region, String id, String name, String digest, Tags tags) {
    return Image.builder()
        .id(new ImageId(NAME, region, id))
        .name(name)
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.parse("2026-11-01T00:00:00Z"))
        .sizeBytes(1L << 30)
        .digest(digest)
        .tags(tags)
        .state(ImageState.AVAILABLE)
        .build();
  }

  private synchronized Stored visible(String account, String imageId) {
    Stored s = images.get(imageId);
    if (s == null
        || !(s.account.equals(account)
            || shares.getOrDefault(imageId, Set.of()).contains(account))) {
      throw new NotFoundException("no image " + imageId + " visible to " + account);
    }
    return s;
  }

  private final class Driver implements ImageDriver {
    private final String account;
    private final String region;

    Driver(String account, String region) {
      this.account = account;
      this.region = region;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String region() {
      return region;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.all();
    }

    @Override
    public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
      return new Page<>(in(account, region), null);
    }

    @Override
    public Image describeImage(String imageId) {
      return visible(account, imageId).image;
    }

    @Override
    public Image copyImage(CopyRequest request, Operation operation) {
      synchronized (InMemoryCloud.this) {
        if (request.targetAccount() != null) {
          throw new InvalidInputException("copies are made from the account they go to");
        }
        copyCalls.add(new CopyCall(account, request));
        Image source = visible(account, request.sourceImageId()).image;
        String token = request.clientToken();
        String key = account + "\0" + token;
        String earlier = token == null ? null : tokens.get(key);
        if (earlier != null) {
          return images.get(earlier).image;
        }
        Image copy =
            image(
                request.targetRegion(),
                "img-" + next++,
                request.name(),
                source.storage().digest(),
                Tags.EMPTY);
        images.put(copy.nativeId(), new Stored(account, copy));
        if (token != null) {
          tokens.put(key, copy.nativeId());
        }
        return copy;
      }
    }

    @Override
    public void tag(String resourceId, Tags add, Set<String> remove) {
      synchronized (InMemoryCloud.this) {
        Stored s = visible(account, resourceId);
        Image tagged = s.image.toBuilder().tags(s.image.tags().with(add)).build();
        images.put(resourceId, new Stored(s.account, tagged));
      }
    }

    @Override
    public void share(String imageId, Set<String> accounts) {
      synchronized (InMemoryCloud.this) {
        visible(account, imageId);
        shares.computeIfAbsent(imageId, k -> new HashSet<>()).addAll(accounts);
      }
    }

    @Override
    public void close() {}
  }
}
