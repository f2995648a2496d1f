/**
 * Version ordering per ecosystem: Debian ({@code deb-version}: epoch, upstream, revision, {@code ~}
 * before everything), RPM ({@code rpmvercmp} over epoch, version and release) and semantic
 * versioning.
 *
 * <pre>{@code
 * VersionOrdering.DEBIAN.compare("1.0~rc1-1", "1.0-1") < 0
 * }</pre>
 */
@NullMarked
package io.cloudimage.security.sbom.version;

import org.jspecify.annotations.NullMarked;
