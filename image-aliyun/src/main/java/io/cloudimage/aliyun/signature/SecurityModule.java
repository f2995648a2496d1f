package io.cloudimage.aliyun.signature;

import io.cloudimage.core.error.UnsupportedCapabilityException;

/**
 * The check that the optional security module is there before any of its classes is touched, so
 * that its absence is a clear error rather than a {@link NoClassDefFoundError} in the middle of an
 * operation.
 */
final class SecurityModule {
  /** A class the signing code needs from the security module. */
  static final String PROBE = "io.cloudimage.security.pgp.Verifier";

  private SecurityModule() {}

  /** Throws unless the security module can be loaded. */
  static void require() {
    require(PROBE);
  }

  /**
   * Throws unless {@code probe} can be loaded; {@link #require()} with another class, for tests.
   */
  static void require(String probe) {
    try {
      // Loading by name is how an optional dependency is detected: the module is read only when
      // it is present ("requires static").
      Class.forName(probe, false, SecurityModule.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UnsupportedCapabilityException(
          "signing and checking exported images needs the security module io.cloudimage.security"
              + " (Maven artifact io.cloudimage:image-security), which is not on the class or"
              + " module path; add it as a dependency (on the module path also"
              + " --add-modules io.cloudimage.security)",
          e);
    }
  }
}
