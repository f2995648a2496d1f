/** Microsoft's VHD: fixed and dynamic disks (footer, dynamic header, BAT), reader and writer. */
@NullMarked
package io.cloudimage.core.format.vhd;

import org.jspecify.annotations.NullMarked;
