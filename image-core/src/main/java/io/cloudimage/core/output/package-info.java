/**
 * Output files that never destroy an input and never appear half-written: {@link
 * io.cloudimage.core.output.OutputFile} refuses an output that is the same file as an input (also
 * through symbolic and hard links), writes to a temporary file in the output's folder, and renames
 * it into place only on commit.
 */
@NullMarked
package io.cloudimage.core.output;

import org.jspecify.annotations.NullMarked;
