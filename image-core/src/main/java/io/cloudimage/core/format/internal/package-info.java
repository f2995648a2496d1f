/**
 * What the format readers and writers share: bounded positional reads of an image file (or of a
 * member inside an archive), the checks that turn a short read into a {@code CorruptDataException},
 * and output files that appear under their final name only when complete. Not exported.
 */
@NullMarked
package io.cloudimage.core.format.internal;

import org.jspecify.annotations.NullMarked;
