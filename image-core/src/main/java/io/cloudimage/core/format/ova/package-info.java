/**
 * OVA packages (DSP0243): a tar holding an OVF descriptor, its disks and a manifest; members are
 * read in place, never extracted; and a writer of OVF + streamOptimized VMDK + SHA-256 manifest.
 */
@NullMarked
package io.cloudimage.core.format.ova;

import org.jspecify.annotations.NullMarked;
