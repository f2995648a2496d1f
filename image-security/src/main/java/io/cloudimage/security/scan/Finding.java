package io.cloudimage.security.scan;

/**
 * One thing that should not ship in a published image.
 *
 * @param check which check found it, such as {@code ssh-host-key}
 * @param severity how bad it is
 * @param path the path inside the image, such as {@code /etc/ssh/ssh_host_rsa_key}
 * @param detail what was found
 * @param fix what to do about it
 * @param action what the fix plan does with the path
 */
public record Finding(
    String check, Severity severity, String path, String detail, String fix, Action action) {
  /** What the fix plan does with a finding's path. */
  public enum Action {
    /** Delete the file or folder. */
    REMOVE,
    /** Keep the file but empty it (such as {@code /etc/machine-id}, regenerated at boot). */
    TRUNCATE,
    /** Needs a person's decision (a permission to change, a password to lock). */
    REVIEW
  }
}
