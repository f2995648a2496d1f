/** Microsoft's VHDX (MS-VHDX): headers, region table, metadata, the interleaved BAT. Reader. */
@NullMarked
package io.cloudimage.core.format.vhdx;

import org.jspecify.annotations.NullMarked;
