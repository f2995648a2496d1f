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
 * Copies through the cloud's own copy ({@link ImageProvider#copyImage}) and tags the copy with its
 * source so that a later run finds it instead of copying again.
 *
 * <p>Every copy is sent under the journal's idempotency token for its run, image and destination. A
 * crash after the provider made the copy and before the journal recorded it leaves an intent
 * without an outcome; the resumed run sends the same request with the same token and the provider
 * answers with the copy it already made (the copy is not yet tagged, so {@link #findReplica} alone
 * would miss it).
 *
 * <ul>
 *   <li>In the caller's account the copy is made by the source's client, to the destination region.
 *   <li>In another account it is made from that account, as the clouds require: the source image is
 *       shared with the account, and the client the opener gives for the account in the source's
 *       region copies it to the destination region. The token is sent in that account's call every
 *       time, so it holds there; the destination's client (acting as the account) finds and tags
 *       it.
 * </ul>
 */
final class CloudCopier implements Copier {
  private final ImageProvider source;
  private final DestinationOpener opener;

  CloudCopier(ImageProvider source, DestinationOpener opener) {
    this.source = source;
    this.opener = opener;
  }

  @Override
  public Optional<Image> findReplica(
      Image src, ReplicationTarget target, ImageProvider destination, boolean interrupted) {
    // An interrupted copy is not tagged yet: it is found by sending its token again.
    try (Stream<Image> images = destination.images()) {
      return images
          .filter(i -> i.tags().get(REPLICA_OF).map(src.nativeId()::equals).orElse(false))
          .findFirst();
    }
  }

  @Override
  public Copy copy(
      Image src,
      ReplicationTarget target,
      ImageProvider destination,
      String token,
      ProgressListener listener,
      Cancellation cancel) {
    Location to = target.destination();
    String region = to.region() == null ? source.region() : to.region();
    CopyRequest request =
        CopyRequest.toRegion(src.nativeId(), region, src.name()).withClientToken(token);
    String account = to.account();
    Image copy;
    if (account == null) {
      copy = source.copyImage(request, listener, cancel);
    } else {
      // Sharing is idempotent: a resumed run shares again harmlessly.
      source.share(src.nativeId(), Set.of(account));
      try (ImageProvider inAccount =
          opener.open(new Location(source.name(), source.region(), account, null))) {
        copy = inAccount.copyImage(request, listener, cancel);
      }
    }
    if (destination.capabilities().supports(Capability.TAG)) {
      destination.tag(copy.nativeId(), Tags.of(REPLICA_OF, src.nativeId()), Set.of());
    }
    return new Copy(
        copy,
        Transfer.PROVIDER_COPY,
        src.storage().sizeBytes(),
        "provider copy to " + (account == null ? region : region + " in " + account));
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
