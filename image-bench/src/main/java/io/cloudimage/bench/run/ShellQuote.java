package io.cloudimage.bench.run;

import java.util.regex.Pattern;

/** Quotes one word for a POSIX shell: remote commands travel as one line of shell. */
final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
