package io.cloudimage.core.lifecycle.plan;

/** How a plan's JSON is laid out; the content, and so the digest, is the same either way. */
public enum JsonStyle {
  /** Indented, one field a line: for people and for plan files. */
  PRETTY,
  /** On one line, without spaces. */
  COMPACT
}
