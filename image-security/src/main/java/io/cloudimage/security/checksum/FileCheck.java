package io.cloudimage.security.checksum;

import org.jspecify.annotations.Nullable;

/**
 * The outcome for one listed file.
 *
 * @param name the name as listed
 * @param status what was found
 * @param expected the listed digest
 * @param actual the computed digest, or {@code null} when the file was not read
 * @param detail a sentence for people
 */
public record FileCheck(
    String name, Status status, String expected, @Nullable String actual, String detail) {
  /** What was found for a listed file. */
  public enum Status {
    OK,
    MISMATCH,
    MISSING,
    /** The name is there but is no readable file: a directory, a device, no permission. */
    UNREADABLE,
    /**
     * The name escapes the base folder (absolute, with {@code ..}, or through a symbolic link that
     * leads outside); it was not read.
     */
    REFUSED
  }
}
