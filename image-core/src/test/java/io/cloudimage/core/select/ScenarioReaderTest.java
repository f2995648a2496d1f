package io.cloudimage.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PricingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {
  @TempDir Path dir;

  static final String YAML =
      String.join(
          "\n",
          "name: web-shop",
          "budget: 25 USD",
          "hoursPerMonth: 730",
          "pricing: reserved",
          "instanceTypes: [t4g.micro, c7g.large]",
          "acceptedKinds: [minimal, standard]",
          "preferredKind: minimal",
          "storage: {tier: warm, strategy: snapshots}",
          "packageHints: [nginx]",
          "weights: {os: 1, hardware: 0, performance: 2, security: 3, cost: 2}",
          "");

  Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  InvalidInputException refusal(String name, String text) throws IOException {
    Path f = write(name, text);
    try {
      Scenario.load(f, InstanceCatalog.defaults());
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("accepted " + text);
  }

  @Test
  void readsEveryFieldOfAYamlScenario() throws IOException {
    Scenario s = Scenario.load(write("web-shop.yaml", YAML));
    assertThat(s.name()).isEqualTo("web-shop");
    assertThat(s.monthlyBudget()).isEqualTo(Money.of("25", "USD"));
    assertThat(s.hoursPerMonth()).isEqualTo(730);
    assertThat(s.pricing()).isEqualTo(PricingModel.RESERVED);
    assertThat(s.instanceTypes()).containsExactly("t4g.micro", "c7g.large");
    assertThat(s.acceptedKinds()).containsExactly(ImageFlavour.MINIMAL, ImageFlavour.STANDARD);
    assertThat(s.preferredKind()).isEqualTo(ImageFlavour.MINIMAL);
    assertThat(s.storage())
        .isEqualTo(new StorageChoice(StorageTier.WARM, StorageStrategy.SNAPSHOTS));
    assertThat(s.packageHints()).containsExactly("nginx");
    assertThat(s.weights()).isEqualTo(new Weights(1, 0, 2, 3, 2));
  }

  @Test
  void readsTheSameScenarioFromJson() throws IOException {
    Path json =
        write(
            "web-shop.json",
            "{\"name\": \"web-shop\", \"budget\": \"25 USD\", \"hoursPerMonth\": 730,"
                + " \"pricing\": \"reserved\", \"instanceTypes\": [\"t4g.micro\", \"c7g.large\"],"
                + " \"acceptedKinds\": [\"minimal\", \"standard\"], \"preferredKind\": \"minimal\","
                + " \"storage\": {\"tier\": \"warm\", \"strategy\": \"snapshots\"},"
                + " \"packageHints\": [\"nginx\"], \"weights\": {\"os\": 1, \"hardware\": 0,"
                + " \"performance\": 2, \"security\": 3, \"cost\": 2}}");
    assertThat(Scenario.load(json)).isEqualTo(Scenario.load(write("web-shop.yaml", YAML)));
  }

  @Test
  void extendsStartsFromAPreset() throws IOException {
    Scenario s =
        Scenario.load(
            write(
                "nightly.yaml",
                "name: nightly\nextends: batch\nbudget: 60 USD\nhoursPerMonth: 40\n"
                    + "instanceTypes: [c7g.large]\n"));
    assertThat(s)
        .isEqualTo(
            Scenario.BATCH.toBuilder()
                .name("nightly")
                .hoursPerMonth(40)
                .instanceTypes("c7g.large")
                .build());
  }

  @Test
  void aRepeatedKeyIsRefusedWithItsLineInYamlAndJson() throws IOException {
    InvalidInputException yaml =
        refusal(
            "dup.yaml", "name: a\nbudget: 25 USD\nbudget: 2500 USD\ninstanceTypes: [t4g.micro]\n");
    assertThat(yaml).hasMessageContaining("dup.yaml line 3").hasMessageContaining("budget");
    InvalidInputException json =
        refusal(
            "dup.json",
            "{\"name\": \"a\",\n \"budget\": \"1 USD\",\n \"instanceTypes\": [\"t4g.micro\"],\n"
                + " \"name\": \"b\"}");
    assertThat(json).hasMessageContaining("dup.json line 4").hasMessageContaining("name");
  }

  @Test
  void anUnknownFieldIsRefusedNamingItsLineAndTheFieldsExpected() throws IOException {
    InvalidInputException e =
        refusal("typo.yaml", "name: a\nbudget: 25 USD\ninstanceTypes: [t4g.micro]\nbuget: 3\n");
    assertThat(e)
        .hasMessageContaining("typo.yaml line 4: buget: unknown field")
        .hasMessageContaining("budget");
    assertThat(
            refusal(
                "w.yaml",
                "name: a\nbudget: 25 USD\ninstanceTypes: [t4g.micro]\n"
                    + "weights: {os: 1, hardware: 1, performance: 1, security: 1, cots: 1}\n"))
        .hasMessageContaining("line 4: weights.cots: unknown field");
  }

  @Test
  void badValuesAreRefusedNamingFileLineAndField() throws IOException {
    String head = "name: a\nbudget: 25 USD\ninstanceTypes: [t4g.micro]\n";
    assertThat(refusal("nan.yaml", head + "hoursPerMonth: .nan\n"))
        .hasMessageContaining("nan.yaml line 4:");
    assertThat(refusal("zero.yaml", head + "hoursPerMonth: 0\n"))
        .hasMessageContaining("zero.yaml line 4: hoursPerMonth: hoursPerMonth must be more than 0");
    assertThat(refusal("text.yaml", head + "hoursPerMonth: lots\n"))
        .hasMessageContaining("line 4: hoursPerMonth: must be a number");
    assertThat(refusal("cur.yaml", "name: a\nbudget: 25 XXQ\ninstanceTypes: [t4g.micro]\n"))
        .hasMessageContaining("cur.yaml line 2: budget: unknown currency code 'XXQ'");
    assertThat(refusal("neg.yaml", "name: a\nbudget: -5 USD\ninstanceTypes: [t4g.micro]\n"))
        .hasMessageContaining("line 2: budget: write the monthly budget per node as AMOUNT");
    assertThat(refusal("kind.yaml", head + "acceptedKinds: [minimal, tiny]\n"))
        .hasMessageContaining("line 4: acceptedKinds[1]: unknown image kind 'tiny'");
    assertThat(refusal("pref.yaml", head + "acceptedKinds: [minimal]\npreferredKind: gpu\n"))
        .hasMessageContaining("line 5: preferredKind:");
    assertThat(
            refusal(
                "inf.yaml",
                head
                    + "weights: {os: -1, hardware: 1, performance: 1,"
                    + " security: 1, cost: 1}\n"))
        .hasMessageContaining("line 4: weights:")
        .hasMessageContaining("os must be a finite number");
    assertThat(refusal("gpu.yaml", head + "needsGpu: yes please\n"))
        .hasMessageContaining("line 4: needsGpu: must be true or false");
    assertThat(
            refusal("type.yaml", "name: a\nbudget: 25 USD\ninstanceTypes: [t4g.micro, m6i.larg]\n"))
        .hasMessageContaining("line 3: instanceTypes[1]: unknown instance type 'm6i.larg'");
    assertThat(refusal("none.yaml", "name: a\ninstanceTypes: [t4g.micro]\n"))
        .hasMessageContaining("'budget' is required");
    assertThat(refusal("list.yaml", "- name: a\n")).hasMessageContaining("must be a mapping");
  }

  @Test
  void deepNestingAndHugeFilesAreRefusedAsBadInput() throws IOException {
    String deep =
        "name: a\nbudget: 1 USD\ninstanceTypes: [t4g.micro]\nstorage: "
            + "[".repeat(100)
            + "]".repeat(100)
            + "\n";
    assertThatThrownBy(() -> Scenario.load(write("deep.yaml", deep)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("deep.yaml");
    String big = "name: a\n# " + "x".repeat(ScenarioReader.MAX_FILE_BYTES) + "\n";
    assertThatThrownBy(() -> Scenario.load(write("big.yaml", big)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("larger than 64 KiB");
    assertThatThrownBy(() -> Scenario.load(dir.resolve("missing.yaml")))
        .isInstanceOf(NotFoundException.class);
  }
}
