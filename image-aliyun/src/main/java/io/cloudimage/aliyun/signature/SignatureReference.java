package io.cloudimage.aliyun.signature;

import java.net.URI;
import java.nio.file.Path;

/**
 * A signed export manifest, as {@link ExportSigning#sign} left it.
 *
 * @param imageId the image whose tags now name the signature
 * @param signature where the signature is published: the {@code cloudimage:signature} tag's value
 * @param keyFingerprint the signing key's fingerprint: the {@code cloudimage:signer} tag's value
 * @param manifestFile the manifest written
 * @param signatureFile its detached signature, next to it with {@code .sig} added
 */
public record SignatureReference(
    String imageId, URI signature, String keyFingerprint, Path manifestFile, Path signatureFile) {}
