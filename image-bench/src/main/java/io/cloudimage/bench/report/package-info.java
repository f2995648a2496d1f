/**
 * Reports people can look at: a self-contained HTML page with inline SVG box plots and the ratios
 * with their confidence intervals.
 */
@NullMarked
package io.cloudimage.bench.report;

import org.jspecify.annotations.NullMarked;
