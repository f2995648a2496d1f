package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.Inspection.PackagedDisk;
import io.cloudimage.core.format.internal.ImageFile;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The parts of an OVF descriptor (DSP0243) that locate the disks: References and DiskSection. */
final class OvfDescriptor {
  static final int MAX_BYTES = 4 << 20;
  private static final Pattern UNITS = Pattern.compile("byte\\s*(?:\\*\\s*2\\^(\\d+))?");

  final List<PackagedDisk> disks = new ArrayList<>();

  OvfDescriptor(ImageFile f, long offset, long size) {
    if (size > MAX_BYTES) {
      throw f.corrupt(
          TarIndex.FORMAT,
          offset,
          "the OVF descriptor of " + size + " bytes is larger than " + MAX_BYTES);
    }
    byte[] xml =
        f.read(
                TarIndex.FORMAT,
                offset,
                (int) size,
                "the OVF descriptor",
                java.nio.ByteOrder.BIG_ENDIAN)
            .array();
    String doc = stripComments(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
    if (!doc.contains("Envelope")) {
      throw f.corrupt(TarIndex.FORMAT, offset, "the OVF descriptor has no Envelope element");
    }
    Map<String, String> hrefs = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    for (Map<String, String> e : elements(doc, "File")) {
      String id = attr(e, "id");
      String href = attr(e, "href");
      if (id != null && href != null) {
        hrefs.put(id, href);
        String s = attr(e, "size");
        if (s != null) {
          sizes.put(id, parseLong(f, offset, s, "File size"));
        }
      }
    }
    for (Map<String, String> e : elements(doc, "Disk")) {
      String id = attr(e, "diskId");
      String cap = attr(e, "capacity");
      if (id == null || cap == null) {
        throw f.corrupt(TarIndex.FORMAT, offset, "an OVF Disk lacks ovf:diskId or ovf:capacity");
      }
      String fileRef = attr(e, "fileRef");
      String href = fileRef == null ? null : hrefs.get(fileRef);
      if (fileRef != null && href == null) {
        throw f.corrupt(
            TarIndex.FORMAT,
            offset,
            "OVF disk " + id + " refers to file '" + fileRef + "', which References does not list");
      }
      long capacity = capacity(f, offset, cap, attr(e, "capacityAllocationUnits"));
      disks.add(
          new PackagedDisk(
              id,
              href,
              diskFormat(attr(e, "format")),
              capacity,
              fileRef == null ? null : sizes.get(fileRef)));
    }
  }

  private static @Nullable String attr(Map<String, String> e, String name) {
    return e.get(name);
  }

  /**
   * The attributes (by local name, entities decoded) of every element named {@code local} in any
   * namespace. OVF's disk declarations are plain start tags with attributes, so a tag scanner
   * suffices; it knows no DTDs or entities beyond the five predefined ones, so none can expand.
   */
  private static List<Map<String, String>> elements(String doc, String local) {
    List<Map<String, String>> out = new ArrayList<>();
    Matcher tag = Pattern.compile("<(?:[\\w.-]+:)?" + local + "(\\s[^<>]*)?/?>").matcher(doc);
    while (tag.find()) {
      Map<String, String> attrs = new HashMap<>();
      String body = tag.group(1) == null ? "" : tag.group(1);
      Matcher a = ATTR.matcher(body);
      while (a.find()) {
        String value = a.group(2) != null ? a.group(2) : a.group(3);
        attrs.put(a.group(1), unescape(value));
      }
      out.add(attrs);
    }
    return out;
  }

  private static final Pattern ATTR =
      Pattern.compile("(?:[\\w.-]+:)?([\\w.-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  private static String stripComments(String s) {
    return s.replaceAll("(?s)<!--.*?-->", "");
  }

  private static long parseLong(ImageFile f, long offset, String s, String what) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw f.corrupt(TarIndex.FORMAT, offset, "OVF " + what + " '" + s + "' is not a number");
    }
  }

  private static long capacity(ImageFile f, long offset, String cap, @Nullable String units) {
    long value = parseLong(f, offset, cap, "capacity");
    int shift = 0;
    if (units != null && !units.isBlank()) {
      Matcher m = UNITS.matcher(units.trim());
      if (!m.matches()) {
        throw f.corrupt(
            TarIndex.FORMAT,
            offset,
            "OVF capacityAllocationUnits '" + units + "' is not of the form 'byte * 2^N'");
      }
      shift = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }
    BigInteger bytes = BigInteger.valueOf(value).shiftLeft(shift);
    if (shift > 62 || bytes.bitLength() > 62) {
      throw f.corrupt(TarIndex.FORMAT, offset, "OVF capacity " + cap + " " + units + " is too big");
    }
    return bytes.longValueExact();
  }

  private static @Nullable String diskFormat(@Nullable String uri) {
    if (uri == null) {
      return null;
    }
    String u = uri.toLowerCase(java.util.Locale.ROOT);
    for (String f : List.of("vmdk", "vhdx", "vhd", "qcow2", "raw")) {
      if (u.contains(f)) {
        return f;
      }
    }
    return uri;
  }
}
