/**
 * Runnable examples of the public API, each the source of a README snippet: {@link
 * io.cloudimage.examples.QuickStart} imports a disk into a local home, {@link
 * io.cloudimage.examples.Tour} selects, verifies, plans and applies, and {@link
 * io.cloudimage.examples.CostRunaway} prices an inventory nobody cleaned up and what a clean-up
 * policy saves. The command-line program is in {@code io.cloudimage.examples.cli}.
 */
@NullMarked
package io.cloudimage.examples;

import org.jspecify.annotations.NullMarked;
