/**
 * Choosing an image, a storage strategy and an instance type for a workload: the seed's five-
 * dimension evaluation (operating system, hardware fit, performance, security, cost) in {@link
 * io.cloudimage.core.select.ImageSelector}, its scenario matrix in {@link
 * io.cloudimage.core.select.Scenario}, and a streaming reader of candidate catalogs in {@link
 * io.cloudimage.core.select.CandidateCatalog}. Every score and every exclusion carries its reasons;
 * ranking keeps only the best {@code top} candidates in memory.
 */
@NullMarked
package io.cloudimage.core.select;

import org.jspecify.annotations.NullMarked;
