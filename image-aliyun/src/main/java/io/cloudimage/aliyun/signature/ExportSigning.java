package io.cloudimage.aliyun.signature;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Tags;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signs what an export wrote and checks it before use, on any provider that tags images.
 *
 * <pre>{@code
 * ExportSigning signing = ExportSigning.on(ecs);   // throws when the security module is absent
 * ecs.exportImage(new ExportRequest(id, URI.create("oss://bucket/exports/"), "qcow2"));
 * ExportedObject disk = ExportedObject.digest(URI.create("oss://bucket/exports/" + id + ".qcow2"), downloaded);
 * signing.sign(id, List.of(disk), SigningKey.of(secretRing, fingerprint), Path.of("m.manifest"),
 *     URI.create("oss://bucket/exports/m.manifest.sig"));
 * // later, before using the exported disk:
 * signing.check(id, List.of(disk), Path.of("m.manifest"), Path.of("m.manifest.sig"), publicRing);
 * }</pre>
 *
 * <p>The manifest ({@link ExportManifest}) names the provider, region and image and the SHA-256 of
 * every object. Its detached OpenPGP signature is written next to it; the image's tags keep where
 * the signature is published ({@value #SIGNATURE_TAG}) and the signing key's fingerprint ({@value
 * #SIGNER_TAG}). The check trusts neither the files nor the tags alone: the signature must verify
 * against the caller's keyring <em>and</em> come from the key the tag names, the manifest must name
 * this image, and every object's digest must be the manifest's.
 */
public final class ExportSigning {
  /** The tag that says where an export's manifest signature is published. */
  public static final String SIGNATURE_TAG = "cloudimage:signature";

  /** The tag that holds the fingerprint of the key that signed the manifest. */
  public static final String SIGNER_TAG = "cloudimage:signer";

  /** Tag values of the clouds are short (ECS and AWS: 128 and 256 characters); the stricter. */
  static final int MAX_TAG_VALUE = 128;

  private final ImageProvider provider;

  private ExportSigning(ImageProvider provider) {
    this.provider = provider;
  }

  /**
   * Signing and checking through {@code provider}.
   *
   * @throws io.cloudimage.core.error.UnsupportedCapabilityException when the security module is not
   *     on the class or module path, saying what to add
   */
  public static ExportSigning on(ImageProvider provider) {
    SecurityModule.require();
    return new ExportSigning(provider);
  }

  /**
   * Writes the manifest of an export to {@code manifestFile}, signs it into {@code manifestFile} +
   * {@code .sig}, and tags the image with the signature's local location and the key.
   */
  public SignatureReference sign(
      String imageId, List<ExportedObject> objects, SigningKey key, Path manifestFile) {
    return sign(imageId, objects, key, manifestFile, signatureFile(manifestFile).toUri());
  }

  /**
   * Writes the manifest of an export to {@code manifestFile}, signs it into {@code manifestFile} +
   * {@code .sig}, and tags the image with {@code publishedAt} (where the caller publishes the
   * signature, such as next to the exported objects) and the key's fingerprint.
   *
   * @throws InvalidInputException when {@code publishedAt} is too long for a tag value
   * @throws io.cloudimage.core.error.NotFoundException when the image or the key is missing
   */
  public SignatureReference sign(
      String imageId,
      List<ExportedObject> objects,
      SigningKey key,
      Path manifestFile,
      URI publishedAt) {
    String reference = publishedAt.toString();
    if (reference.length() > MAX_TAG_VALUE) {
      throw new InvalidInputException(
          "the signature location "
              + reference
              + " is "
              + reference.length()
              + " characters, over the "
              + MAX_TAG_VALUE
              + " a tag value holds; publish it under a shorter path");
    }
    Image image = provider.describe(imageId);
    ExportManifest manifest =
        new ExportManifest(provider.name(), image.id().region(), imageId, objects);
    Path signature = signatureFile(manifestFile);
    // The manifest and its signature must not land on the key ring they are signed with.
    manifest.write(manifestFile, List.of(key.secretKeyRing(), signature));
    String fingerprint = OpenPgp.signDetached(key, manifestFile, signature);
    provider.tag(
        imageId,
        Tags.of(SIGNATURE_TAG, reference).with(Tags.of(SIGNER_TAG, fingerprint)),
        Set.of());
    return new SignatureReference(imageId, publishedAt, fingerprint, manifestFile, signature);
  }

  /** Where the image's tags say its export signature is published, if it was signed. */
  public Optional<URI> signatureLocation(String imageId) {
    return provider.describe(imageId).tags().get(SIGNATURE_TAG).map(URI::create);
  }

  /**
   * Checks an export before use: the image's tags name a signer; {@code signatureFile} is a valid
   * signature over {@code manifestFile} by that key, which {@code publicKeyRing} holds; the
   * manifest is this image's; and each of {@code objects} has the manifest's digest.
   *
   * @param objects the objects about to be used, with the digests of the copies at hand
   * @throws CheckFailedException when any of that does not hold, saying which
   */
  public VerifiedExport check(
      String imageId,
      List<ExportedObject> objects,
      Path manifestFile,
      Path signatureFile,
      Path publicKeyRing) {
    if (objects.isEmpty()) {
      throw new InvalidInputException(
          "give the digests of the exported objects about to be used; the check compares them");
    }
    Tags tags = provider.describe(imageId).tags();
    String signer =
        tags.get(SIGNER_TAG)
            .filter(t -> tags.has(SIGNATURE_TAG))
            .orElseThrow(
                () ->
                    new CheckFailedException(
                        "image "
                            + imageId
                            + " carries no "
                            + SIGNATURE_TAG
                            + " and "
                            + SIGNER_TAG
                            + " tags: its export was never signed, or the tags were removed; do"
                            + " not use the export"));
    String fingerprint = OpenPgp.verifyDetached(manifestFile, signatureFile, publicKeyRing, signer);
    ExportManifest manifest = ExportManifest.read(manifestFile);
    if (!manifest.imageId().equals(imageId) || !manifest.provider().equals(provider.name())) {
      throw new CheckFailedException(
          manifestFile
              + " is the signed manifest of "
              + manifest.provider()
              + " image "
              + manifest.imageId()
              + ", not of "
              + provider.name()
              + " image "
              + imageId);
    }
    List<ExportedObject> checked = new ArrayList<>();
    for (ExportedObject o : objects) {
      ExportedObject listed =
          manifest.objects().stream()
              .filter(m -> m.location().equals(o.location()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CheckFailedException(
                          o.location() + " is not in the signed manifest " + manifestFile));
      if (!listed.sha256().equals(o.sha256())) {
        throw new CheckFailedException(
            "digest mismatch for "
                + o.location()
                + ": the signed manifest has sha256 "
                + listed.sha256()
                + ", the copy at hand "
                + o.sha256()
                + "; the object changed after signing, or the download is damaged");
      }
      checked.add(o);
    }
    return new VerifiedExport(manifest, fingerprint, checked);
  }

  private static Path signatureFile(Path manifestFile) {
    Path name = manifestFile.getFileName();
    if (name == null) {
      throw new InvalidInputException(manifestFile + " names no file for the manifest");
    }
    return manifestFile.resolveSibling(name + ".sig");
  }
}
