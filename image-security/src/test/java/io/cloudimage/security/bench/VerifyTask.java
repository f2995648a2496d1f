package io.cloudimage.security.bench;

import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.nio.file.Path;

final class VerifyTask {
  private VerifyTask() {}

  static Runnable create(Path file, Path signature, Path keyring) {
    Verifier verifier = Verifier.builder().keyRing(keyring).build();
    return () -> {
      VerificationResult r = verifier.verifyDetached(file, signature);
      if (!r.valid()) {
        throw new IllegalStateException(r.reason());
      }
    };
  }
}
