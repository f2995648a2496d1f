package io.cloudimage.security.pgp;

/**
 * The one rule, shared by signing and verifying, for which bytes of a clear-signed line are signed
 * (RFC 9580 section 7.2): the line without its trailing white space. Carriage returns count as
 * trailing white space, as GnuPG and gpgv count them: a line that ends in a bare CR (or in CRs
 * mixed with spaces and tabs) signs the same bytes on both sides, and the signature verifies
 * everywhere.
 */
final class CanonicalText {
  private CanonicalText() {}

  /** The end of the signed part of {@code line[start, end)}: trailing spaces, tabs, CRs dropped. */
  static int signedEnd(byte[] line, int start, int end) {
    int e = end;
    while (e > start && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r')) {
      e--;
    }
    return e;
  }
}
