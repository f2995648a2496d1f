package io.cloudimage.core.format.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/** Inflates one compressed cluster or grain into a buffer of known size. */
public final class Inflate {
  private Inflate() {}

  /**
   * Inflates {@code in[0..len)} into {@code out}.
   *
   * @param zlibWrapped whether the data carries the zlib header (VMDK) or is raw deflate (qcow2)
   * @return how many bytes came out, or {@code -1} with {@code error[0]} set when the data is not
   *     valid deflate
   */
  public static int inflate(
      byte[] in, int len, byte[] out, boolean zlibWrapped, @Nullable String[] error) {
    Inflater inflater = new Inflater(!zlibWrapped);
    try {
      inflater.setInput(in, 0, len);
      int total = 0;
      while (total < out.length && !inflater.finished()) {
        int n = inflater.inflate(out, total, out.length - total);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        total += n;
      }
      return total;
    } catch (DataFormatException e) {
      error[0] = String.valueOf(e.getMessage());
      return -1;
    } finally {
      inflater.end();
    }
  }
}
