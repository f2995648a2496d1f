package io.cloudimage.security.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomGeneratorTest {
  @TempDir Path tmp;

  private static Map<String, Component> byName(Sbom sbom) {
    return sbom.components().stream()
        .collect(Collectors.toMap(Component::name, Function.identity()));
  }

  @Test
  void listsInstalledDebianPackagesWithPurlSourceSupplierAndLicences() {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("debroot"));
    Map<String, Component> c = byName(sbom);

    assertThat(c.keySet())
        .containsExactlyInAnyOrder("openssl", "libssl3", "libgcc-s1", "base-files", "tzdata");
    Component openssl = c.get("openssl");
    assertThat(openssl.purl().toString())
        .isEqualTo("pkg:deb/debian/openssl@3.0.17-1~deb12u2?arch=amd64&distro=debian-12");
    assertThat(openssl.licenses()).containsExactly("Apache-2.0");
    assertThat(openssl.supplier())
        .isEqualTo("Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>");
    assertThat(c.get("libssl3").sourceName()).isEqualTo("openssl");
    assertThat(c.get("libgcc-s1").sourceName()).isEqualTo("gcc-12");
    assertThat(c.get("libgcc-s1").sourceVersion()).isEqualTo("12.2.0-14+deb12u1");
    assertThat(c.get("libgcc-s1").purl().toString())
        .isEqualTo("pkg:deb/debian/libgcc-s1@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12");
    assertThat(c.get("base-files").licenses()).as("free-form copyright states none").isEmpty();
    assertThat(c.get("tzdata").architecture()).isEqualTo("all");
    assertThat(sbom.os().codename()).isEqualTo("bookworm");
    assertThat(sbom.os().distro()).isEqualTo("debian-12");
  }

  @Test
  void skipsMalformedStanzasWithAWarningNamingTheLine() {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("debroot"));

    assertThat(sbom.warnings())
        .anySatisfy(
            w -> assertThat(w).contains("/var/lib/dpkg/status", "line 41", "broken-continuation"))
        .anySatisfy(w -> assertThat(w).contains("line 44", "no Version", "no-version"));
    assertThat(byName(sbom)).doesNotContainKeys("broken-continuation", "no-version");
  }

  @Test
  void followsSymbolicLinksOnlyInsideTheRoot() throws IOException {
    Path root = Roots.copy("debroot", tmp);
    Path doc = root.resolve("usr/share/doc");
    Files.createSymbolicLink(doc.resolve("libssl3"), Path.of("openssl"));
    // An absolute target means the guest's /usr/share/doc/openssl, not this host's.
    Files.createSymbolicLink(doc.resolve("tzdata"), Path.of("/usr/share/doc/openssl"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(
        outside.resolve("copyright"),
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
            + "Files: *\nLicense: Host-Secret\n");
    Files.createSymbolicLink(doc.resolve("libgcc-s1"), Path.of("../../../../outside"));

    Map<String, Component> c = byName(SbomGenerator.generate(root));

    assertThat(c.get("libssl3").licenses()).containsExactly("Apache-2.0");
    assertThat(c.get("tzdata").licenses()).containsExactly("Apache-2.0");
    assertThat(c.get("libgcc-s1").licenses()).isEmpty();
  }

  @Test
  void endsSymbolicLinkLoopsWithAWarning() throws IOException {
    Path root = Roots.copy("debroot", tmp);
    Path doc = root.resolve("usr/share/doc");
    Files.createSymbolicLink(doc.resolve("libssl3"), Path.of("loop-b"));
    Files.createSymbolicLink(doc.resolve("loop-b"), Path.of("libssl3"));

    Sbom sbom = SbomGenerator.generate(root);

    assertThat(byName(sbom).get("libssl3").licenses()).isEmpty();
    assertThat(sbom.warnings()).anySatisfy(w -> assertThat(w).contains("loop"));
  }

  @Test
  void refusesAMissingOrEmptyRoot() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertThatThrownBy(() -> SbomGenerator.generate(tmp.resolve("absent")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> SbomGenerator.generate(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void listsAlpinePackagesFromTheApkDatabase() {
    Sbom sbom = SbomGenerator.generate(Roots.fixture("apkroot"));
    Map<String, Component> c = byName(sbom);

    assertThat(c.keySet()).containsExactlyInAnyOrder("musl", "busybox-binsh");
    assertThat(c.get("musl").purl().toString())
        .isEqualTo("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3");
    assertThat(c.get("busybox-binsh").sourceName()).isEqualTo("busybox");
    assertThat(c.get("busybox-binsh").licenses()).containsExactly("GPL-2.0-only");
    assertThat(c.get("musl").installed()).isNotNull();
    assertThat(sbom.warnings())
        .anySatisfy(w -> assertThat(w).contains("line 25", "no-version-here", "no V"));
  }

  @Test
  void listsRpmPackagesFromTheSqliteDatabase() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("fedora"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=fedora\nVERSION_ID=40\n");
    Roots.rpmDatabase(
        root.resolve("usr/lib/sysimage/rpm/rpmdb.sqlite"),
        List.of(
            Roots.rpmHeader(
                1,
                1000,
                "openssl-libs",
                1001,
                "3.2.2",
                1002,
                "3.fc40",
                1022,
                "x86_64",
                1014,
                "Apache-2.0",
                1011,
                "Fedora Project",
                1044,
                "openssl-3.2.2-3.fc40.src.rpm",
                1008,
                1_717_000_000),
            Roots.rpmHeader(null, 1000, "gpg-pubkey", 1001, "a15b79cc", 1002, "63d04c2c"),
            Roots.rpmHeader(
                null,
                1000,
                "bash",
                1001,
                "5.2.26",
                1002,
                "3.fc40",
                1022,
                "x86_64",
                1044,
                "bash-5.2.26-3.fc40.src.rpm")));
    // rpm on Fedora links the old place to the new one.
    Files.createDirectories(root.resolve("var/lib"));
    Files.createSymbolicLink(root.resolve("var/lib/rpm"), Path.of("../../usr/lib/sysimage/rpm"));

    Map<String, Component> c = byName(SbomGenerator.generate(root));

    assertThat(c.keySet()).containsExactlyInAnyOrder("openssl-libs", "bash");
    Component ssl = c.get("openssl-libs");
    assertThat(ssl.version()).isEqualTo("1:3.2.2-3.fc40");
    assertThat(ssl.purl().toString())
        .isEqualTo("pkg:rpm/fedora/openssl-libs@3.2.2-3.fc40?arch=x86_64&distro=fedora-40&epoch=1");
    assertThat(ssl.sourceName()).isEqualTo("openssl");
    assertThat(ssl.supplier()).isEqualTo("Fedora Project");
    assertThat(ssl.licenses()).containsExactly("Apache-2.0");
    assertThat(ssl.installed()).isNotNull();
    assertThat(c.get("bash").sourceName()).as("same as the binary package").isNull();
  }
}
