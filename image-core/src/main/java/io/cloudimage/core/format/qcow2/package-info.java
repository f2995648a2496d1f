/**
 * QEMU's qcow2 (versions 2 and 3): header, L1/L2 tables, compressed clusters, backing chains, and a
 * version 3 writer.
 */
@NullMarked
package io.cloudimage.core.format.qcow2;

import org.jspecify.annotations.NullMarked;
