package io.cloudimage.aliyun.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.aliyun.AliyunProvider;
import io.cloudimage.aliyun.EcsTestAccess;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.ExportRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported images signed with real OpenPGP keys (the security module's fixtures). */
class ExportSigningTest {
  static final String RSA = "26426952DE2963D5FA5A84C99F0514FDE731E1A2";
  static final String ED25519 = "CEAA5516B2F6A02B683015D7FCB0C47A8A4C553C";

  @TempDir Path dir;
  EcsTestAccess ecs;
  AliyunProvider provider;
  String imageId;
  URI object;
  Path download;

  @BeforeEach
  void export() throws Exception {
    ecs = EcsTestAccess.start();
    provider = ecs.provider();
    imageId = ecs.addImage("web");
    provider.exportImage(new ExportRequest(imageId, URI.create("oss://exports-hz/web/"), "qcow2"));
    object = URI.create(ecs.exported().get(0));
    // OSS is not reachable from here: the "downloaded" object is a local file with known bytes.
    download = dir.resolve("web.qcow2");
    Files.write(download, new byte[3 * 1024 * 1024 + 17]);
  }

  @AfterEach
  void stop() {
    provider.close();
    ecs.close();
  }

  static Path key(String name) throws URISyntaxException {
    return Path.of(ExportSigningTest.class.getResource("/pgp/" + name).toURI());
  }

  @Test
  void signsTheManifestTagsTheImageAndChecksBeforeUse() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    Path manifest = dir.resolve("web.manifest");
    URI published = URI.create("oss://exports-hz/web/web.manifest.sig");

    SignatureReference ref =
        signing.sign(
            imageId, List.of(disk), SigningKey.of(key("rsa.sec.gpg"), RSA), manifest, published);

    assertThat(ref.keyFingerprint()).isEqualTo(RSA);
    assertThat(Files.readString(manifest))
        .startsWith("cloudimage-export-manifest 1\nimage aliyun cn-hangzhou " + imageId + "\n")
        .contains("sha256 " + disk.sha256() + "  " + object);
    assertThat(Files.size(ref.signatureFile())).isPositive();
    Tags tags = provider.describe(imageId).tags();
    assertThat(tags.get(ExportSigning.SIGNATURE_TAG)).contains(published.toString());
    assertThat(tags.get(ExportSigning.SIGNER_TAG)).contains(RSA);
    assertThat(signing.signatureLocation(imageId)).contains(published);

    VerifiedExport verified =
        signing.check(imageId, List.of(disk), manifest, ref.signatureFile(), key("rsa.pub.gpg"));

    assertThat(verified.keyFingerprint()).isEqualTo(RSA);
    assertThat(verified.checked()).containsExactly(disk);
  }

  @Test
  void aManifestThatWouldOverwriteTheSecretKeyRingIsRefusedAndTheRingIsKept() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    Path ring = dir.resolve("ring.gpg");
    Files.copy(key("rsa.sec.gpg"), ring);
    byte[] before = Files.readAllBytes(ring);
    Path sameRing = dir.resolve(".").resolve("ring.gpg");

    assertThatThrownBy(
            () -> signing.sign(imageId, List.of(disk), SigningKey.of(ring, RSA), sameRing))
        .isInstanceOf(io.cloudimage.core.error.InvalidInputException.class)
        .hasMessageContaining("ring.gpg")
        .hasMessageContaining("same file");
    assertThat(Files.readAllBytes(ring)).isEqualTo(before);
    assertThat(provider.describe(imageId).tags().get(ExportSigning.SIGNATURE_TAG)).isEmpty();
  }

  @Test
  void aKeyWithAPassphraseSignsToo() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    SigningKey ed =
        new SigningKey(
            key("ed25519.sec.asc"), ED25519, "correct horse battery staple".toCharArray());

    SignatureReference ref = signing.sign(imageId, List.of(disk), ed, dir.resolve("m"));

    assertThat(ref.signature()).isEqualTo(dir.resolve("m.sig").toUri());
    assertThat(ed.toString()).doesNotContain("horse");
    assertThat(
            signing
                .check(
                    imageId,
                    List.of(disk),
                    dir.resolve("m"),
                    dir.resolve("m.sig"),
                    key("ed25519.pub.asc"))
                .keyFingerprint())
        .isEqualTo(ED25519);
  }

  @Test
  void aChangedObjectFailsTheCheckNamingBothDigests() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    SignatureReference ref =
        signing.sign(
            imageId, List.of(disk), SigningKey.of(key("rsa.sec.gpg"), RSA), dir.resolve("m"));
    Files.write(
        download,
        "tampered".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    ExportedObject changed = ExportedObject.digest(object, download);

    assertThatThrownBy(
            () ->
                signing.check(
                    imageId,
                    List.of(changed),
                    ref.manifestFile(),
                    ref.signatureFile(),
                    key("rsa.pub.gpg")))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("digest mismatch")
        .hasMessageContaining(disk.sha256())
        .hasMessageContaining(changed.sha256());
  }

  @Test
  void anEditedManifestFailsTheSignatureCheck() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    SignatureReference ref =
        signing.sign(
            imageId, List.of(disk), SigningKey.of(key("rsa.sec.gpg"), RSA), dir.resolve("m"));
    ExportedObject forged = new ExportedObject(object, "0".repeat(64));
    Files.writeString(
        ref.manifestFile(),
        Files.readString(ref.manifestFile()).replace(disk.sha256(), forged.sha256()));

    assertThatThrownBy(
            () ->
                signing.check(
                    imageId,
                    List.of(forged),
                    ref.manifestFile(),
                    ref.signatureFile(),
                    key("rsa.pub.gpg")))
        .isInstanceOf(CheckFailedException.class);
  }

  @Test
  void aSignatureByAnotherKeyThanTheTagNamesFails() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    SignatureReference ref =
        signing.sign(
            imageId, List.of(disk), SigningKey.of(key("rsa.sec.gpg"), RSA), dir.resolve("m"));
    // Someone re-tags the image as signed by another key they control.
    provider.tag(imageId, Tags.of(ExportSigning.SIGNER_TAG, ED25519), Set.of());

    assertThatThrownBy(
            () ->
                signing.check(
                    imageId,
                    List.of(disk),
                    ref.manifestFile(),
                    ref.signatureFile(),
                    key("rsa.pub.gpg")))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("required");
  }

  @Test
  void anUnsignedImageFailsTheCheckBeforeAnyFileIsRead() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);

    assertThatThrownBy(
            () ->
                signing.check(
                    imageId,
                    List.of(disk),
                    dir.resolve("none"),
                    dir.resolve("none.sig"),
                    key("rsa.pub.gpg")))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("cloudimage:signature")
        .hasMessageContaining("never signed");
  }

  @Test
  void aManifestOfAnotherImageFails() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);
    SignatureReference ref =
        signing.sign(
            imageId, List.of(disk), SigningKey.of(key("rsa.sec.gpg"), RSA), dir.resolve("m"));
    String other = ecs.addImage("other");
    provider.tag(
        other,
        Tags.of(ExportSigning.SIGNATURE_TAG, "oss://x/m.sig").with(ExportSigning.SIGNER_TAG, RSA),
        Set.of());

    assertThatThrownBy(
            () ->
                signing.check(
                    other,
                    List.of(disk),
                    ref.manifestFile(),
                    ref.signatureFile(),
                    key("rsa.pub.gpg")))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("not of aliyun image " + other);
  }

  @Test
  void aSignatureLocationTooLongForATagIsRefusedBeforeSigning() throws Exception {
    ExportSigning signing = ExportSigning.on(provider);
    ExportedObject disk = ExportedObject.digest(object, download);

    assertThatThrownBy(
            () ->
                signing.sign(
                    imageId,
                    List.of(disk),
                    SigningKey.of(key("rsa.sec.gpg"), RSA),
                    dir.resolve("m"),
                    URI.create("oss://exports-hz/" + "p/".repeat(70) + "m.sig")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("128");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void aDamagedManifestIsNamedWithItsLine() throws Exception {
    Path manifest = dir.resolve("bad");
    Files.writeString(
        manifest, "cloudimage-export-manifest 1\nimage aliyun cn-hangzhou m-1\nmd5 x\n");

    assertThatThrownBy(() -> ExportManifest.read(manifest))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void withoutTheSecurityModuleTheErrorSaysWhatToAdd() {
    assertThatThrownBy(() -> SecurityModule.require("io.cloudimage.security.pgp.NoSuchClass"))
        .isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessageContaining("io.cloudimage:image-security")
        .hasMessageContaining("--add-modules io.cloudimage.security");
  }
}
