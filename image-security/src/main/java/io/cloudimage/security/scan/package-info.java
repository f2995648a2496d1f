/**
 * The hygiene scan of a root filesystem before it is published as an image: what must not ship
 * (host keys, authorized keys, shell histories, a machine id, cloud-init instance state, private
 * keys and cloud credentials, world-writable files, unexpected setuid/setgid binaries, a root
 * password). Each finding has a severity, the path and the fix; the scan changes nothing, and its
 * {@linkplain io.cloudimage.security.scan.ScanReport#fixPlan fix plan} says what to remove.
 *
 * <pre>{@code
 * ScanReport report = HygieneScanner.builder().build().scan(Path.of("/mnt/root"));
 * Files.writeString(Path.of("fix-plan.txt"), report.fixPlan());
 * }</pre>
 */
@NullMarked
package io.cloudimage.security.scan;

import org.jspecify.annotations.NullMarked;
