package io.cloudimage.core.select;

/**
 * What a selection does with operating system releases out of all support (past their extended
 * support date).
 *
 * <pre>{@code
 * ImageSelector.builder().os(os -> os.family(OsFamily.CENTOS).endOfLife(EndOfLife.ALLOWED))
 * }</pre>
 */
public enum EndOfLife {
  /** Releases out of all support are excluded, with the date support ended as the reason. */
  EXCLUDED,

  /** Releases out of all support stay candidates and score 0 on support. */
  ALLOWED
}
