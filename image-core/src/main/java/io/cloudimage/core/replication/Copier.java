package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.util.Optional;

/** How one kind of provider makes, finds and checks copies. */
interface Copier {
  /** The tag every copy carries: the source image's id. */
  String REPLICA_OF = "cloudimage:replica-of";

  /**
   * The copy of {@code source} already at the destination, if any: made by an earlier run, or by an
   * interrupted one ({@code interrupted}: the journal holds an intent without an outcome).
   */
  Optional<Image> findReplica(
      Image source, ReplicationTarget target, ImageProvider destination, boolean interrupted);

  /**
   * Makes the copy under an idempotency token: called again with the same token (by a run resumed
   * after a crash), it answers with the copy the first call made instead of making a second. A
   * copier whose copies are found by {@link #findReplica} alone may ignore the token.
   */
  Copy copy(
      Image source,
      ReplicationTarget target,
      ImageProvider destination,
      String token,
      ProgressListener listener,
      Cancellation cancel);

  /** What is wrong with {@code copy} against {@code source}'s digest, or empty when it matches. */
  Optional<String> verify(Image source, Image copy, ImageProvider destination);
}
