package io.cloudimage.core.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where and how an image's data is stored.
 *
 * @param tier where its storage lives
 * @param sizeBytes the bytes its storage holds (the disk file, or the snapshots' data)
 * @param format the disk format of a file-backed image ({@code raw}, {@code qcow2}, …), or {@code
 *     null}
 * @param digest the content digest recorded at import, such as {@code sha256:…}, or {@code null}
 * @param layers its storage layers, base first
 */
public record Storage(
    StorageTier tier,
    long sizeBytes,
    @Nullable String format,
    @Nullable String digest,
    List<ImageLayer> layers) {
  /** Hot, empty, no format, no digest, no layers: what a new image starts with. */
  public static final Storage EMPTY = new Storage(StorageTier.HOT, 0L, null, null, List.of());

  /** Validates and copies the layers. */
  public Storage {
    Checks.required(tier, "Storage.tier");
    Checks.nonNegative(sizeBytes, "Storage.sizeBytes");
    layers = Checks.copy(Checks.required(layers, "Storage.layers"));
  }
}
