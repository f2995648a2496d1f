package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The members of a tar archive and where their data lies, read from the headers only. Links,
 * devices, absolute names and names climbing out with {@code ..} are refused: an OVA holds plain
 * files.
 */
final class TarIndex {
  static final String FORMAT = "ova";

  /** More members than this is refused: an OVA holds a descriptor, a few disks and a manifest. */
  static final int MAX_MEMBERS = 4096;

  record Member(String name, long dataOffset, long size) {}

  final List<Member> members = new ArrayList<>();

  TarIndex(ImageFile f) {
    long pos = 0;
    String longName = null;
    while (pos + 512 <= f.size()) {
      ByteBuffer h = f.read(FORMAT, pos, 512, "a tar header", ByteOrder.BIG_ENDIAN);
      if (allZero(h)) {
        break;
      }
      checkChecksum(f, pos, h);
      String name = text(h, 0, 100);
      String prefix = text(h, 345, 155);
      if (!prefix.isEmpty() && "ustar".equals(text(h, 257, 5))) {
        name = prefix + "/" + name;
      }
      long size = number(f, pos + 124, h, 124, 12);
      char type = (char) h.get(156);
      long data = pos + 512;
      if (size > f.size() - data) {
        throw f.corrupt(
            FORMAT,
            pos + 124,
            "member '"
                + name
                + "' of "
                + size
                + " bytes runs past the end of the archive ("
                + f.size()
                + " bytes)");
      }
      long next = data + ((size + 511) / 512) * 512;
      switch (type) {
        case 'x' -> {
          String path = paxPath(f, data, size);
          if (path != null) {
            longName = path;
          }
        }
        case 'L' -> {
          if (size > 4096) {
            throw f.corrupt(FORMAT, pos, "a long member name of " + size + " bytes");
          }
          longName =
              text(
                  f.read(FORMAT, data, (int) size, "a long name", ByteOrder.BIG_ENDIAN),
                  0,
                  (int) size);
        }
        case 'g' -> {
          // global pax headers carry no member
        }
        case '0', '\0', '7' -> {
          String member = longName != null ? longName : name;
          longName = null;
          members.add(new Member(checkName(f, pos, member), data, size));
          if (members.size() > MAX_MEMBERS) {
            throw f.corrupt(FORMAT, pos, "the archive has more than " + MAX_MEMBERS + " members");
          }
        }
        case '5' -> {
          checkName(f, pos, longName != null ? longName : name);
          longName = null;
        }
        case '1', '2' ->
            throw f.corrupt(
                FORMAT,
                pos,
                "member '"
                    + name
                    + "' is a "
                    + (type == '1' ? "hard" : "symbolic")
                    + " link to '"
                    + text(h, 157, 100)
                    + "'; links are refused in an OVA");
        default ->
            throw f.corrupt(
                FORMAT,
                pos,
                "member '" + name + "' has type '" + type + "', not a plain file; refused");
      }
      pos = next;
    }
  }

  @Nullable Member find(String name) {
    for (Member m : members) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  private static String checkName(ImageFile f, long pos, String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    if (n.isEmpty() || n.startsWith("/") || n.contains("\\") || n.matches("^[A-Za-z]:.*")) {
      throw f.corrupt(FORMAT, pos, "member name '" + name + "' is absolute; refused");
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        throw f.corrupt(
            FORMAT, pos, "member name '" + name + "' climbs out of the package with '..'; refused");
      }
    }
    return n;
  }

  private static @Nullable String paxPath(ImageFile f, long data, long size) {
    if (size > 65536) {
      throw f.corrupt(FORMAT, data, "a pax header of " + size + " bytes");
    }
    String text =
        new String(
            f.read(FORMAT, data, (int) size, "a pax header", ByteOrder.BIG_ENDIAN).array(),
            StandardCharsets.UTF_8);
    String path = null;
    for (String line : text.split("\n")) {
      int sp = line.indexOf(' ');
      int eq = line.indexOf('=');
      if (sp > 0 && eq > sp) {
        String key = line.substring(sp + 1, eq);
        if (key.equals("path")) {
          path = line.substring(eq + 1);
        } else if (key.equals("linkpath")) {
          throw f.corrupt(FORMAT, data, "a pax header names a link target; links are refused");
        }
      }
    }
    return path;
  }

  private static void checkChecksum(ImageFile f, long pos, ByteBuffer h) {
    long stored = number(f, pos + 148, h, 148, 8);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h.get(i) & 0xff);
    }
    if (sum != stored) {
      throw f.corrupt(
          FORMAT,
          pos + 148,
          "tar header checksum " + stored + " does not match " + sum + "; the archive is damaged");
    }
  }

  private static long number(ImageFile f, long where, ByteBuffer h, int at, int len) {
    if ((h.get(at) & 0x80) != 0) {
      long v = 0;
      for (int i = 1; i < len; i++) {
        if ((v >>> 55) != 0) {
          throw f.corrupt(FORMAT, where, "a binary tar number overflows");
        }
        v = (v << 8) | (h.get(at + i) & 0xff);
      }
      return v;
    }
    String s = text(h, at, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(s, 8);
      if (v < 0) {
        throw new NumberFormatException(s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw f.corrupt(FORMAT, where, "'" + s + "' is not an octal tar number");
    }
  }

  private static String text(ByteBuffer h, int at, int len) {
    int end = at;
    while (end < at + len && h.get(end) != 0) {
      end++;
    }
    byte[] b = new byte[end - at];
    h.get(at, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static boolean allZero(ByteBuffer h) {
    for (int i = 0; i < h.limit(); i++) {
      if (h.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
