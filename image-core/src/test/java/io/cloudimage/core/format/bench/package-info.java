/** The formats benchmark's entry point, run by scripts/bench-formats.sh. */
@NullMarked
package io.cloudimage.core.format.bench;

import org.jspecify.annotations.NullMarked;
