package io.cloudimage.security.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DebianCopyrightTest {
  /** The licences by splitting the whole file into stanzas, as a reader of DEP-5 would. */
  private static List<String> byStanzas(String text) {
    if (!text.stripLeading().regionMatches(true, 0, "Format:", 0, 7)) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (ControlStanzas.Stanza s : ControlStanzas.parse(text)) {
      String license = s.first("License");
      if (license != null && !license.isBlank()) {
        out.add(license);
      }
    }
    return new ArrayList<>(out);
  }

  @Test
  void takesTheFirstLineOfEachLicenseFieldNotTheLicenceTexts() {
    String text =
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            + "Upstream-Name: x\n\n"
            + "Files: *\nCopyright: 2020 A\nLicense: GPL-2+\n"
            + " This program is free software.\n .\n License: not a field, a text line\n\n"
            + "Files: debian/*\nLicense: MIT\n\n"
            + "license: GPL-2+\n";

    assertThat(DebianCopyright.licensesOf(text)).containsExactly("GPL-2+", "MIT");
    assertThat(DebianCopyright.licensesOf("This is a free-form copyright file.\nLicense: MIT\n"))
        .isEmpty();
  }

  @Test
  void agreesWithAFullParseOnEveryCopyrightFileOfThisMachine() throws IOException {
    List<Path> files = new ArrayList<>();
    Path doc = Path.of("/usr/share/doc");
    if (Files.isDirectory(doc)) {
      try (Stream<Path> s = Files.list(doc)) {
        s.map(p -> p.resolve("copyright")).filter(Files::isRegularFile).forEach(files::add);
      }
    }
    files.add(Roots.fixture("debroot").resolve("usr/share/doc/openssl/copyright"));
    int machineReadable = 0;
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      List<String> expected = byStanzas(text);
      assertThat(DebianCopyright.licensesOf(text)).as(f.toString()).isEqualTo(expected);
      machineReadable += expected.isEmpty() ? 0 : 1;
    }
    assertThat(machineReadable).isPositive();
  }
}
