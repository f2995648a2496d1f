package io.cloudimage.core.provider;

import java.time.Instant;

/**
 * The record of a sanitisation (NIST SP 800-88): what was erased, how, when, and how the result was
 * verified.
 *
 * @param resourceId the image or snapshot erased
 * @param method {@code CLEAR} (overwrite), {@code PURGE} or {@code CRYPTOGRAPHIC_ERASE}
 * @param detail what was done, such as {@code "overwrote 2147483648 bytes with zeros, deleted"}
 * @param verification how the result was checked, such as {@code "read back: all zero"}
 * @param completed when it finished
 */
public record Sanitization(
    String resourceId, String method, String detail, String verification, Instant completed) {}
