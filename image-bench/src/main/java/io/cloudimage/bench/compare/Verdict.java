package io.cloudimage.bench.compare;

/** Whether B is better than A, worse, or not distinguishable from it. */
public enum Verdict {
  BETTER("better"),
  WORSE("worse"),
  NO_DIFFERENCE("no-difference");

  private final String json;

  Verdict(String json) {
    this.json = json;
  }

  /**
   * The word in {@code bench compare}'s JSON: {@code better}, {@code worse}, {@code no-difference}.
   */
  public String json() {
    return json;
  }
}
