package io.cloudimage.examples.cli;

/** The exit codes scripts rely on. */
public final class ExitCodes {
  /** Success; for a check: it passed. */
  public static final int OK = 0;

  /** A check ran and failed. */
  public static final int CHECK_FAILED = 1;

  /** Usage error: unknown option, missing argument, bad option value. */
  public static final int USAGE = 2;

  /** Bad input: unreadable, truncated or corrupt file, unknown format, invalid policy. */
  public static final int BAD_INPUT = 3;

  /** Provider or remote error, after retries. */
  public static final int PROVIDER = 4;

  /** Internal error: a bug. */
  public static final int INTERNAL = 5;

  private ExitCodes() {}
}
