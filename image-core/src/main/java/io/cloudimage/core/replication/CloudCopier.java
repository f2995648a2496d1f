package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies through the cloud's own copy ({@link ImageProvider#copyImage}), called on the source's
 * client with the destination region and account, and tags the copy with its source so that a later
 * run finds it instead of copying again.
 */
final class CloudCopier implements Copier {
  private final ImageProvider source;

  CloudCopier(ImageProvider source) {
    this.source = source;
  }

  @Override
  public Optional<Image> findReplica(
      Image src, ReplicationTarget target, ImageProvider destination, boolean interrupted) {
    if (target.destination().account() != null) {
      // The destination client sees the caller's account only; the journal is the record here.
      return Optional.empty();
    }
    try (Stream<Image> images = destination.images()) {
      return images
          .filter(
              i ->
                  i.tags().get(REPLICA_OF).map(src.nativeId()::equals).orElse(false)
                      // A copy started before a crash may not have been tagged yet.
                      || (interrupted && i.name().equals(src.name())))
          .findFirst();
    }
  }

  @Override
  public Copy copy(
      Image src,
      ReplicationTarget target,
      ImageProvider destination,
      ProgressListener listener,
      Cancellation cancel) {
    Location to = target.destination();
    String region = to.region() == null ? source.region() : to.region();
    CopyRequest request = new CopyRequest(src.nativeId(), region, src.name(), to.account(), null);
    Image copy = source.copyImage(request, listener, cancel);
    if (to.account() == null && destination.capabilities().supports(Capability.TAG)) {
      destination.tag(copy.nativeId(), Tags.of(REPLICA_OF, src.nativeId()), Set.of());
    }
    return new Copy(
        copy, Transfer.PROVIDER_COPY, src.storage().sizeBytes(), "provider copy to " + region);
  }

  @Override
  public Optional<String> verify(Image src, Image copy, ImageProvider destination) {
    String expected = src.storage().digest();
    String actual = copy.storage().digest();
    if (expected != null && actual != null && !expected.equals(actual)) {
      return Optional.of(
          "the copy " + copy.nativeId() + " has digest " + actual + ", the source " + expected);
    }
    return Optional.empty();
  }
}
