/**
 * One-pass digests of large files: {@link io.cloudimage.security.digest.MultiDigest} reads a file
 * once and feeds several algorithms in parallel, with progress and cancellation. MD5 and SHA-1 are
 * offered for integrity comparison with published manifests only; they never establish trust.
 */
@NullMarked
package io.cloudimage.security.digest;

import org.jspecify.annotations.NullMarked;
