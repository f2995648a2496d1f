package io.cloudimage.core.output;

import io.cloudimage.core.error.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A file being written that appears under its name only when complete. The bytes go to a hidden
 * temporary file in the output's folder; {@link #commit()} flushes them to disk and renames the
 * temporary file over the output in one atomic step; {@link #close()} without a commit deletes it.
 * A reader therefore sees either the old file, or nothing, or the whole new file, never a part.
 *
 * <p>An output that is the same file as one of the inputs is refused before anything is written,
 * and again at commit: {@link Files#isSameFile} compares the files themselves, so a symbolic link
 * or a hard link to an input is caught as surely as the same name. The check matters because the
 * rename would otherwise replace the input with what was computed from it.
 *
 * <pre>{@code
 * try (OutputFile out = OutputFile.to(Path.of("image.raw.sig")).notSameAs(image).open()) {
 *   writeSignature(out.stream());
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one writer per instance.
 */
public final class OutputFile implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER = 1 << 16;

  private final Path target;
  private final List<Path> inputs;
  private final Path temporary;
  private final FileChannel channel;
  private final OutputStream stream;
  private boolean committed;
  private boolean closed;

  private OutputFile(Path target, List<Path> inputs, Path temporary, FileChannel channel) {
    this.target = target;
    this.inputs = inputs;
    this.temporary = temporary;
    this.channel = channel;
    this.stream = new Guarded(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
  }

  /** Starts describing an output file at {@code target}. */
  public static Options to(Path target) {
    return new Options(target);
  }

  /**
   * Refuses {@code output} when it is the same file as any of {@code inputs}: the same name once
   * normalised (so {@code sub/../disk.raw} is {@code disk.raw}, even when {@code sub} does not
   * exist and a writer that normalises would land on the input), a symbolic link to it, or a hard
   * link to it.
   *
   * @throws InvalidInputException naming both paths
   */
  public static void requireDistinct(Path output, List<Path> inputs) {
    for (Path input : inputs) {
      if (sameFile(output, input)) {
        throw new InvalidInputException(
            "output "
                + output
                + " is the same file as input "
                + input
                + "; writing it would destroy the input: choose another output name");
      }
    }
  }

  private static boolean sameFile(Path output, Path input) {
    if (output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
      return true;
    }
    if (!Files.exists(output) || !Files.exists(input)) {
      return false;
    }
    try {
      return Files.isSameFile(output, input);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot tell whether output " + output + " is input " + input + ": " + e.getMessage(), e);
    }
  }

  /** The name the output appears under after {@link #commit()}. */
  public Path target() {
    return target;
  }

  /**
   * Where to write the content. Buffered; closing it does not close or commit this file, so it may
   * be wrapped in streams (armor, compression) that must be closed to write their trailers.
   */
  public OutputStream stream() {
    return stream;
  }

  /**
   * Makes the output appear under its name: flushes, forces the bytes to disk, checks again that
   * the output is no input, and renames the temporary file over it.
   *
   * @throws InvalidInputException when the output cannot be written or has become an input
   * @throws IllegalStateException when already committed or closed
   */
  public void commit() {
    if (committed || closed) {
      throw new IllegalStateException("output " + target + " was already committed or closed");
    }
    try {
      stream.flush();
      channel.force(true);
      channel.close();
      requireDistinct(target, inputs);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      syncFolder();
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!committed) {
        close();
      }
    }
  }

  /** Whether {@link #commit()} has put the output in place. */
  public boolean committed() {
    return committed;
  }

  /** Discards the temporary file unless the output was committed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (committed) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The file is deleted next; a failed close changes nothing the caller can act on.
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // The hidden ".partial" name keeps a leftover from being mistaken for the output.
    }
  }

  /** Makes the rename itself durable; some file systems cannot open a folder, which is harmless. */
  private void syncFolder() {
    Path folder = temporary.getParent();
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The data itself is on disk; only the rename's durability is left to the file system.
    }
  }

  /** Describes an output file before it is opened. */
  public static final class Options {
    private final Path target;
    private final List<Path> inputs = new ArrayList<>();
    private boolean ownerOnly;

    private Options(Path target) {
      this.target = target;
    }

    /** Refuses the output when it is the same file as any of these; repeatable. */
    public Options notSameAs(Path... files) {
      inputs.addAll(List.of(files));
      return this;
    }

    /** Refuses the output when it is the same file as any of these; repeatable. */
    public Options notSameAs(List<Path> files) {
      inputs.addAll(files);
      return this;
    }

    /**
     * Creates the file readable and writable by its owner only (0600), for decrypted or secret
     * content. Default: the permissions a new file gets from the process's umask.
     */
    public Options ownerOnly() {
      this.ownerOnly = true;
      return this;
    }

    /**
     * Checks the output against the inputs and creates the temporary file next to it.
     *
     * @throws InvalidInputException when the output is an input, or its folder cannot be written
     */
    public OutputFile open() {
      List<Path> in = List.copyOf(inputs);
      requireDistinct(target, in);
      Path folder = target.toAbsolutePath().getParent();
      if (folder == null) {
        throw new InvalidInputException("output " + target + " names no file inside a folder");
      }
      Path name = target.getFileName();
      if (name == null) {
        throw new InvalidInputException("output " + target + " names no file");
      }
      for (int attempt = 0; ; attempt++) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        Path temporary =
            folder.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".partial");
        try {
          FileChannel channel =
              FileChannel.open(
                  temporary,
                  Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                  attributes());
          return new OutputFile(target, in, temporary, channel);
        } catch (FileAlreadyExistsException e) {
          if (attempt > 10) {
            throw new InvalidInputException("cannot create a temporary file in " + folder, e);
          }
        } catch (NoSuchFileException e) {
          throw new InvalidInputException(
              "cannot write " + target + ": folder " + folder + " does not exist", e);
        } catch (IOException e) {
          throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
        }
      }
    }

    private FileAttribute<?>[] attributes() {
      if (!ownerOnly) {
        return new FileAttribute<?>[0];
      }
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
  }

  /** Lets wrapping streams close themselves (to write trailers) without closing the file. */
  private static final class Guarded extends FilterOutputStream {
    Guarded(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
