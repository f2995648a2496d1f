package io.cloudimage.security.pgp;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What the readers of a signed message with its content inside (clear-signed text, inline signed
 * data) share: the file, the verifier that judges its signatures, and progress and cancellation
 * while the content streams through.
 */
abstract class SignedMessageReader {
  final Path file;
  final Verifier verifier;
  private final ProgressListener listener;
  private final Cancellation cancellation;

  SignedMessageReader(
      Path file, Verifier verifier, ProgressListener listener, Cancellation cancellation) {
    this.file = file;
    this.verifier = verifier;
    this.listener = listener;
    this.cancellation = cancellation;
  }

  /** Reads the message, writing its signed content to {@code out}, and judges its signatures. */
  abstract VerificationResult verify(OutputStream out) throws IOException;

  /** Stops when cancelled, else reports {@code bytes} of the content read so far. */
  final void progress(long bytes, String phase) {
    cancellation.throwIfCancelled("verify " + file);
    listener.onProgress(new Progress("verify " + file, bytes, -1, phase));
  }
}
