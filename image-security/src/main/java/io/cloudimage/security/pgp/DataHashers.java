package io.cloudimage.security.pgp;

import io.cloudimage.security.digest.internal.ChunkSink;
import io.cloudimage.security.digest.internal.Hasher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One running hash per distinct (algorithm, text mode) among the signatures, so that several
 * signatures with the same hash share the work. Text-mode hashes see line ends as CR LF.
 */
final class DataHashers {
  private final Map<SignatureChecker.HashKey, Hasher> hashers = new LinkedHashMap<>();
  private final List<ChunkSink> sinks = new ArrayList<>();

  void need(SignatureChecker.HashKey key) {
    if (hashers.containsKey(key)) {
      return;
    }
    Hasher h = key.algorithm().newHasher();
    hashers.put(key, h);
    sinks.add(key.text() ? new CanonicalLineEnds(h) : h);
  }

  boolean isEmpty() {
    return sinks.isEmpty();
  }

  List<ChunkSink> sinks() {
    return sinks;
  }

  /** Feeds every hash on the calling thread. */
  void update(byte[] data, int offset, int length) {
    for (ChunkSink sink : sinks) {
      sink.update(data, offset, length);
    }
  }

  @Nullable Hasher get(SignatureChecker.HashKey key) {
    return hashers.get(key);
  }

  /** Turns a lone LF into CR LF, as RFC 9580 asks for text-mode signatures. */
  private static final class CanonicalLineEnds implements ChunkSink {
    private static final byte[] CR = {'\r'};
    private final Hasher target;
    private boolean lastWasCr;

    CanonicalLineEnds(Hasher target) {
      this.target = target;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
      int start = offset;
      int end = offset + length;
      for (int i = offset; i < end; i++) {
        byte b = data[i];
        if (b == '\n' && !(i == offset ? lastWasCr : data[i - 1] == '\r')) {
          target.update(data, start, i - start);
          target.update(CR, 0, 1);
          start = i;
        }
      }
      target.update(data, start, end - start);
      if (length > 0) {
        lastWasCr = data[end - 1] == '\r';
      }
    }
  }
}
