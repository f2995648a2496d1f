package io.cloudimage.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.cost.CostModel;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.pricing.ExchangeRates;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.TierPrices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader refuses duplicate keys, deep nesting, huge strings and out-of-range numbers; policy
 * files are covered by {@code PolicyLimitsTest}.
 */
class StrictInputTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aDuplicateKeyInAJsonFileNamesTheKeyAndBothLines() throws Exception {
    Path file = write("record.json", "{\n\"id\": \"img-1\",\n\"tags\": {},\n\"id\": \"img-2\"\n}");
    assertThatThrownBy(() -> JsonFiles.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("record.json line 4")
        .hasMessageContaining("duplicate key 'id'")
        .hasMessageContaining("first at line 2, again at line 4");
  }

  @Test
  void theSharedMapperRefusesDuplicatesAndLocatesBrokenLimits() {
    // Plans, inventories and journals are streamed through the shared mapper.
    JsonProcessingException dup =
        catchThrowableOfType(
            JsonProcessingException.class,
            () ->
                StrictJson.mapper().readTree("{\"action\": \"ARCHIVE\",\n\"action\": \"ERASE\"}"));
    assertThat(JsonFiles.notJson("plan.json", dup))
        .hasMessageStartingWith("plan.json line 2")
        .hasMessageContaining("duplicate key 'action'");

    JsonProcessingException deep =
        catchThrowableOfType(
            JsonProcessingException.class,
            () -> StrictJson.mapper().readTree("\n" + "[".repeat(1000) + "]".repeat(1000)));
    assertThat(JsonFiles.notJson("inventory.json", deep))
        .hasMessageStartingWith("inventory.json line 2")
        .hasMessageContaining("nested deeper than 64 levels");

    JsonProcessingException longString =
        catchThrowableOfType(
            JsonProcessingException.class,
            () -> StrictJson.mapper().readTree("{\"name\": \"" + "x".repeat(2 << 20) + "\"}"));
    assertThat(JsonFiles.notJson("inventory.json", longString))
        .hasMessageStartingWith("inventory.json line 1")
        .hasMessageContaining("a string longer than 1048576 characters");
  }

  @Test
  void dataFilesAreReadStrictlyToo() throws Exception {
    assertThatThrownBy(
            () -> InstanceCatalog.parse("{\"types\": [],\n \"types\": []}", "my-instances.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("my-instances.json line 2")
        .hasMessageContaining("duplicate key 'types'");
    Path tiers = write("tiers.json", "{\"currency\": \"USD\", \"currency\": \"CNY\"}");
    assertThatThrownBy(() -> TierPrices.load(tiers))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("duplicate key 'currency'");
  }

  @Test
  void costNumbersAreFiniteAndInRange() {
    CostModel model = CostModel.defaults();
    var type = InstanceCatalog.defaults().find("m6i.large").orElseThrow();
    for (double hours : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 731}) {
      assertThatThrownBy(() -> model.compute(type, hours))
          .as("hours %s", hours)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("hours per month");
    }
    assertThatThrownBy(() -> ExchangeRates.parse("ABC:USD=1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown currency code 'ABC'");
    assertThatThrownBy(() -> ExchangeRates.parse("CNY:USD=1e-999999999"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("between 1e-12 and 1e12");
    assertThat(
            ExchangeRates.parse("CNY:USD=1e12")
                .rate(java.util.Currency.getInstance("USD"), java.util.Currency.getInstance("CNY")))
        .isPresent();
  }

  @Test
  void moneyIsFormattedToTheMinorUnitHalfEven() {
    assertThat(Money.of("9.2439999998062848", "USD").format()).isEqualTo("9.24 USD");
    assertThat(Money.of("0.125", "USD").format()).isEqualTo("0.12 USD");
    assertThat(Money.of("0.135", "USD").format()).isEqualTo("0.14 USD");
    assertThat(Money.of("24", "CNY").format()).isEqualTo("24.00 CNY");
    assertThat(Money.of("1.2345", "BHD").format()).isEqualTo("1.234 BHD");
  }
}
