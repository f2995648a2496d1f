/**
 * Parsers of benchmark and diagnostic outputs (fio JSON, stress-ng YAML, systemd-analyze,
 * cloud-init analyze, iostat, /proc/meminfo, nvidia-smi, wrk, JMeter) into typed results and
 * normalised metrics.
 */
@NullMarked
package io.cloudimage.bench.parse;

import org.jspecify.annotations.NullMarked;
