/**
 * Functional checks of a running image (HTTP, TCP, MySQL/MariaDB handshake), built as a fluent list
 * and answered in one report.
 */
@NullMarked
package io.cloudimage.bench.check;

import org.jspecify.annotations.NullMarked;
