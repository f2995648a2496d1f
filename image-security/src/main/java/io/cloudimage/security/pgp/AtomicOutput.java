package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.output.OutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every file the OpenPGP classes write goes through here, so that none of them can write over one
 * of its own inputs (the data, the signature, a keyring) and none leaves a partial file under the
 * name the caller asked for.
 */
final class AtomicOutput {
  private AtomicOutput() {}

  /** Writes content whose verification decides whether it may appear. */
  interface Body {
    VerificationResult write(OutputStream out) throws IOException;
  }

  /** Writes a whole output. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} through a temporary file in its folder and renames it into place only
   * when {@code writer} returns normally.
   *
   * @throws InvalidInputException when {@code target} is one of {@code inputs}, or cannot be
   *     written
   */
  static void write(Path target, List<Path> inputs, Writer writer) {
    write(target, OutputFile.to(target).notSameAs(inputs), writer);
  }

  /**
   * As {@link #write(Path, List, Writer)}, for plaintext: the file is readable by its owner only.
   */
  static void writePrivate(Path target, List<Path> inputs, Writer writer) {
    write(target, OutputFile.to(target).notSameAs(inputs).ownerOnly(), writer);
  }

  private static void write(Path target, OutputFile.Options options, Writer writer) {
    try (OutputFile file = options.open()) {
      writer.write(file.stream());
      file.commit();
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code body}; its output appears under {@code target} only when the result is valid. With
   * no target the content is discarded.
   */
  static VerificationResult produce(@Nullable Path target, List<Path> inputs, Body body) {
    if (target == null) {
      try {
        return body.write(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new InvalidInputException("cannot read the signed content: " + e.getMessage(), e);
      }
    }
    try (OutputFile file = OutputFile.to(target).notSameAs(inputs).open()) {
      VerificationResult result = body.write(file.stream());
      if (result.valid()) {
        file.commit();
      }
      return result;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
