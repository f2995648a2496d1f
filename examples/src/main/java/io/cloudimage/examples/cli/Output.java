package io.cloudimage.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.model.Image;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;

/** Writes command results to stdout: one JSON document with {@code --json}, text otherwise. */
final class Output {
  private Output() {}

  /** Prints one JSON document, pretty, followed by a newline. */
  static void json(JsonNode node) {
    try {
      PrintStream out = System.out;
      out.println(ImageJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams images as one JSON array, one image at a time, in constant memory. */
  static long jsonArray(Iterator<Image> images) {
    long count = 0;
    try {
      JsonGenerator g = ImageJson.MAPPER.getFactory().createGenerator(new NonClosing(System.out));
      g.writeStartArray();
      while (images.hasNext()) {
        g.writeTree(ImageJson.write(images.next()));
        count++;
        if ((count & 255) == 0) {
          g.flush();
        }
      }
      g.writeEndArray();
      g.writeRaw('\n');
      g.close();
      System.out.flush();
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of the human listing. */
  static String line(Image i) {
    return String.format(
        Locale.ROOT,
        "%-20s %-28s %-16s %-7s %-7s %10s %-10s%s",
        i.nativeId(),
        i.name(),
        i.os().family().id() + ":" + i.os().version(),
        i.architecture().id(),
        i.tier().name(),
        size(i.sizeBytes()),
        i.state().name(),
        i.inUse() ? " in-use" : "");
  }

  /** The header of the human listing. */
  static String header() {
    return String.format(
        Locale.ROOT,
        "%-20s %-28s %-16s %-7s %-7s %10s %-10s",
        "ID",
        "NAME",
        "OS",
        "ARCH",
        "TIER",
        "SIZE",
        "STATE");
  }

  /** Bytes in binary units. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
