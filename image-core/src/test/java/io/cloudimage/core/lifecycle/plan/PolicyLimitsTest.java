package io.cloudimage.core.lifecycle.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files are read strictly: no duplicate keys, bounded nesting, exact sizes and ages. */
class PolicyLimitsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void yamlRefusesDuplicatesDepthAndNonFiniteNumbers() throws Exception {
    Path dup =
        write(
            "dup.yaml",
            "name: p\nrules:\n  - name: r\n    when:\n      unusedFor: 30d\n      unusedFor: 1d\n"
                + "    action: ARCHIVE\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(dup))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dup.yaml line 6")
        .hasMessageContaining("duplicate key 'unusedFor' in rules[0].when")
        .hasMessageContaining("first at line 5");
    Path deep = write("deep.yaml", "name: p\nrules: " + "[".repeat(100) + "]".repeat(100) + "\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(deep))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("deep.yaml line 2")
        .hasMessageContaining("nested deeper than 64 levels");
    Path nan =
        write(
            "nan.yaml",
            "name: p\nrules:\n  - name: r\n    when: {moreThanInFamily: .nan}\n"
                + "    action: DEREGISTER\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(nan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nan.yaml line 4")
        .hasMessageContaining(".nan");
    Path two = write("two.yaml", "name: p\nrules: []\n---\nname: q\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(two))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("one document");
  }

  @Test
  void sizesAndAgesUseExactArithmetic() throws Exception {
    String rule = "name: p\nrules:\n  - name: r\n    when: {%s}\n    action: ARCHIVE\n";
    Path wrap = write("wrap.yaml", rule.formatted("sizeAbove: 16777216TiB"));
    assertThatThrownBy(() -> LifecyclePolicy.read(wrap))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("wrap.yaml line 4: rules[0].when.sizeAbove:")
        .hasMessageContaining("largest size accepted, 9223372036854775807 bytes (8388607TiB)");
    Path max = write("max.yaml", rule.formatted("sizeAbove: 8388607TiB"));
    assertThat(LifecyclePolicy.read(max).rules().get(0).conditions())
        .containsExactly(Condition.sizeAbove(8388607L << 40));
    Path negative = write("neg.yaml", rule.formatted("sizeAbove: -1"));
    assertThatThrownBy(() -> LifecyclePolicy.read(negative))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sizeAbove");
    Path days = write("days.yaml", rule.formatted("unusedFor: 99999999999999d"));
    assertThatThrownBy(() -> LifecyclePolicy.read(days))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("days.yaml line 4: rules[0].when.unusedFor:")
        .hasMessageContaining("longest age accepted, 36500d");
    Path seconds = write("s.yaml", rule.formatted("olderThan: 999999999999999999999999s"));
    assertThatThrownBy(() -> LifecyclePolicy.read(seconds))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("longest age accepted");
    Path retention =
        write(
            "retention.yaml",
            "name: p\nauditRetention: {imageRecords: 9999999999999999d}\n"
                + rule.formatted("unusedFor: 30d").substring("name: p\n".length()));
    assertThatThrownBy(() -> LifecyclePolicy.read(retention))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("auditRetention.imageRecords");
    assertThatThrownBy(() -> Condition.unusedFor(Duration.ofDays(40_000)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 36500d");
  }
}
