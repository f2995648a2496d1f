package io.cloudimage.security.pgp.internal;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small OpenPGP input (keyring, signature file) read whole under a size cap, with its armor, if
 * any, removed and its packets framed.
 *
 * @param binary the packet bytes
 * @param armorTypes the armor block types found, empty for binary input
 * @param packets the framed packets
 */
public record SmallInput(
    byte[] binary, List<String> armorTypes, List<PacketFramer.Packet> packets) {
  /** Reads and frames {@code file}; {@code role} ("keyring", "signature") appears in messages. */
  public static SmallInput read(Path file, String role, long cap) {
    byte[] raw;
    try {
      long size = Files.size(file);
      if (size > cap) {
        throw new InvalidInputException(
            file + " is " + size + " bytes, too large for a " + role + " (limit " + cap + ")");
      }
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(role + " file not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + role + " " + file + ": " + e, e);
    }
    return decode(raw, file.toString(), role);
  }

  /** Decodes bytes already in memory. */
  public static SmallInput decode(byte[] raw, String what, String role) {
    byte[] binary = raw;
    List<String> types = new ArrayList<>();
    if (isArmored(raw)) {
      LineReader lines = new LineReader(new ByteArrayInputStream(raw), what, 64 * 1024);
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
      ArmorInputStream block;
      while ((block = ArmorInputStream.next(lines)) != null) {
        types.add(block.type());
        try {
          block.transferTo(out);
        } catch (IOException e) {
          throw new InvalidInputException("cannot read " + what + ": " + e, e);
        }
      }
      binary = out.toByteArray();
    }
    if (binary.length == 0) {
      throw new CorruptDataException(
          null, 0, what + " is empty; expected an OpenPGP " + role + " (binary or armored)");
    }
    return new SmallInput(binary, List.copyOf(types), PacketFramer.frame(binary, what));
  }

  /** Whether the input starts, after blank space, with an armor line. */
  public static boolean isArmored(byte[] head) {
    for (byte b : head) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '-';
    }
    return false;
  }

  /** Reads the first bytes of a stream for sniffing, then resets it. */
  public static byte[] peek(InputStream in, int n) throws IOException {
    in.mark(n);
    byte[] head = in.readNBytes(n);
    in.reset();
    return head;
  }
}
