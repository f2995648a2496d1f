package io.cloudimage.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @TempDir Path dir;

  private Path input() throws IOException {
    return Files.writeString(dir.resolve("d.bin"), "the input", StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void refusesTheInputItselfAndNamesBothPaths() throws IOException {
    Path in = input();
    assertThatThrownBy(() -> OutputFile.to(in).notSameAs(in).open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output " + in)
        .hasMessageContaining("input " + in);
    assertThat(Files.readString(in)).isEqualTo("the input");
  }

  @Test
  void refusesTheInputUnderAnotherSpelling() throws IOException {
    Path in = input();
    Path spelled = dir.resolve("sub/../d.bin");
    Files.createDirectories(dir.resolve("sub"));
    assertThatThrownBy(() -> OutputFile.to(spelled).notSameAs(in).open())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refusesASymbolicLinkToTheInput() throws IOException {
    Path in = input();
    Path link = Files.createSymbolicLink(dir.resolve("link.sig"), in);
    assertThatThrownBy(() -> OutputFile.to(link).notSameAs(in).open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("link.sig");
    assertThat(Files.readString(in)).isEqualTo("the input");
  }

  @Test
  void refusesAnInputThatIsALinkToTheOutput() throws IOException {
    Path out = input();
    Path link = Files.createSymbolicLink(dir.resolve("via-link"), out);
    assertThatThrownBy(() -> OutputFile.to(out).notSameAs(link).open())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refusesAHardLinkToTheInput() throws IOException {
    Path in = input();
    Path hard = Files.createLink(dir.resolve("hard.sig"), in);
    assertThatThrownBy(() -> OutputFile.to(hard).notSameAs(in).open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hard.sig");
    assertThat(Files.readString(in)).isEqualTo("the input");
  }

  @Test
  void commitPutsTheWholeFileInPlaceAndLeavesNoTemporary() throws IOException {
    Path in = input();
    Path out = dir.resolve("d.sig");
    try (OutputFile file = OutputFile.to(out).notSameAs(in).open()) {
      file.stream().write("signature".getBytes(StandardCharsets.UTF_8));
      assertThat(out).doesNotExist();
      file.commit();
    }
    assertThat(Files.readString(out)).isEqualTo("signature");
    assertThat(names()).containsExactly("d.bin", "d.sig");
  }

  @Test
  void replacingAnExistingOutputIsAllOrNothing() throws IOException {
    Path out = Files.writeString(dir.resolve("old.sig"), "old");
    try (OutputFile file = OutputFile.to(out).open()) {
      file.stream().write("half".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(out)).isEqualTo("old");
      file.commit();
    }
    assertThat(Files.readString(out)).isEqualTo("half");
  }

  @Test
  void closeWithoutCommitLeavesNothingUnderTheName() throws IOException {
    Path out = dir.resolve("never.sig");
    try (OutputFile file = OutputFile.to(out).open()) {
      file.stream().write(new byte[100_000]);
    }
    assertThat(out).doesNotExist();
    assertThat(names()).isEmpty();
  }

  @Test
  void failureWhileWritingKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
    Path out = Files.writeString(dir.resolve("kept.txt"), "kept");
    assertThatThrownBy(
            () -> {
              try (OutputFile file = OutputFile.to(out).open()) {
                file.stream().write("partial".getBytes(StandardCharsets.UTF_8));
                throw new IllegalStateException("writer failed");
              }
            })
        .hasMessage("writer failed");
    assertThat(Files.readString(out)).isEqualTo("kept");
    assertThat(names()).containsExactly("kept.txt");
  }

  @Test
  void closingTheStreamDoesNotCloseTheFile() throws IOException {
    Path out = dir.resolve("armored.asc");
    try (OutputFile file = OutputFile.to(out).open()) {
      try (OutputStream wrapper = new java.io.BufferedOutputStream(file.stream())) {
        wrapper.write("trailer".getBytes(StandardCharsets.UTF_8));
      }
      file.stream().write('!');
      file.commit();
    }
    assertThat(Files.readString(out)).isEqualTo("trailer!");
  }

  @Test
  void commitRefusesAnOutputThatBecameTheInputMeanwhile() throws IOException {
    Path in = input();
    Path out = dir.resolve("late.sig");
    try (OutputFile file = OutputFile.to(out).notSameAs(in).open()) {
      file.stream().write('x');
      Files.createSymbolicLink(out, in);
      assertThatThrownBy(file::commit).isInstanceOf(InvalidInputException.class);
    }
    assertThat(Files.readString(in)).isEqualTo("the input");
    assertThat(names()).containsExactlyInAnyOrder("d.bin", "late.sig");
  }

  @Test
  void ownerOnlyOutputIsNotReadableByOthers() throws IOException {
    Path out = dir.resolve("plain.raw");
    try (OutputFile file = OutputFile.to(out).ownerOnly().open()) {
      file.commit();
    }
    assertThat(Files.getPosixFilePermissions(out))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void missingFolderIsBadInputNamingIt() {
    Path out = dir.resolve("no/such/folder/x.sig");
    assertThatThrownBy(() -> OutputFile.to(out).open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void commitTwiceIsAProgrammingError() throws IOException {
    try (OutputFile file = OutputFile.to(dir.resolve("once")).open()) {
      file.commit();
      assertThatThrownBy(file::commit).isInstanceOf(IllegalStateException.class);
    }
  }
}
