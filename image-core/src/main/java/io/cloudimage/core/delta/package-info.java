/**
 * Deltas between two versions of a disk image: what changed, stored so that only those bytes move.
 *
 * <p>{@link io.cloudimage.core.delta.DeltaEngine} creates a delta from a base and a target virtual
 * disk, applies one or a chain of deltas to a base with verification, and compacts a chain into one
 * delta. {@link io.cloudimage.core.delta.DeltaFile} reads a delta's header and its changed-block
 * list without touching any image. The file format is described byte by byte in {@code
 * docs/delta.md}.
 *
 * <pre>{@code
 * DeltaEngine engine = DeltaEngine.builder().mode(DeltaMode.BLOCK).blockSize(512 * 1024).build();
 * DeltaInfo made = engine.create(oldImage, newImage, delta, listener, cancel);
 * engine.apply(oldImage, List.of(delta), restored, listener, cancel);
 * }</pre>
 */
@NullMarked
package io.cloudimage.core.delta;

import org.jspecify.annotations.NullMarked;
