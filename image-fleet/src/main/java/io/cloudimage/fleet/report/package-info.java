/**
 * What a fleet's applies saved, read back from the shards' journals: {@link
 * io.cloudimage.fleet.report.FleetSavings} gathers them per shard, account and region, and {@link
 * io.cloudimage.fleet.report.SavingsPage} writes them as a self-contained HTML page with inline SVG
 * charts and the same figures as JSON next to it.
 */
@NullMarked
package io.cloudimage.fleet.report;

import org.jspecify.annotations.NullMarked;
