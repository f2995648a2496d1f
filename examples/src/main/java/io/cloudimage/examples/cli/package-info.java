/**
 * The {@code cloudimage} command-line program: a thin picocli shell over the public API, with the
 * global options, exit codes and JSON shapes that scripts rely on (see {@code CLI.md}).
 */
@NullMarked
package io.cloudimage.examples.cli;

import org.jspecify.annotations.NullMarked;
