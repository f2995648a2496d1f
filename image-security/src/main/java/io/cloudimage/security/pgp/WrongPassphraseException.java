package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The passphrase given does not unlock the secret key, or does not decrypt a passphrase-encrypted
 * message. The message names the key or file; nothing was written.
 */
public class WrongPassphraseException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
