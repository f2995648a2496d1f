package io.cloudimage.examples.cli;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.cost.CostModel;
import io.cloudimage.core.cost.CostReport;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.ExchangeRates;
import io.cloudimage.core.pricing.Money;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage cost …}: what images cost per month. */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = "Cost estimates: storage by tier, compute on demand vs reserved, licences.",
    subcommands = {CostCommand.Estimate.class})
final class CostCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  /** {@code cloudimage cost estimate}. */
  @Command(
      name = "estimate",
      mixinStandardHelpOptions = true,
      description = "Monthly cost of the images in a catalog.")
  static final class Estimate implements Callable<Integer> {
    @ParentCommand CostCommand cost = new CostCommand();

    @Option(
        names = "--catalog",
        paramLabel = "FILE",
        description = "Images (candidate-catalog JSON); default: the sample catalog.")
    @Nullable Path catalog;

    @Option(
        names = "--instance",
        paramLabel = "TYPE",
        description =
            "Run each image on this instance type, e.g. m6i.large; default: storage only.")
    @Nullable String instance;

    @Option(
        names = "--hours",
        defaultValue = "730",
        description = "Hours per month the instance runs, 0..730 (default: ${DEFAULT-VALUE}).")
    double hours = 730;

    @Option(
        names = "--rates",
        paramLabel = "FROM:TO=RATE,...",
        description = "Exchange rates, e.g. CNY:USD=0.14; needed for --currency.")
    @Nullable String rates;

    @Option(
        names = "--currency",
        paramLabel = "CODE",
        description = "Also give the total in this currency (needs --rates).")
    @Nullable String currency;

    @Override
    public Integer call() {
      // Written so that NaN fails too: every comparison with NaN is false.
      if (!(hours >= 0 && hours <= 730)) {
        throw new InvalidInputException(
            "--hours must be a number of hours within 0..730 (a month has 730 on average), was "
                + hours);
      }
      InstanceType type = null;
      String name = instance;
      if (name != null) {
        type =
            InstanceCatalog.defaults()
                .find(name)
                .orElseThrow(
                    () -> new InvalidInputException("unknown instance type '" + name + "'"));
      }
      InstanceType chosen = type;
      CostReport report;
      try (Stream<Image> images = SelectCommand.candidates(catalog)) {
        report = CostModel.defaults().report(images, i -> chosen, hours);
      }
      Money converted = null;
      String code = currency;
      if (code != null) {
        if (rates == null) {
          throw new InvalidInputException(
              "--currency " + code + " needs --rates to convert, e.g. --rates CNY:USD=0.14");
        }
        // Money names the code in its error when it is not an ISO-4217 currency.
        Currency target = Money.zero(code).currency();
        converted = report.total(target, ExchangeRates.parse(rates));
      }
      if (cost.root.json) {
        var json = Output.tree(report.toJson());
        if (converted != null) {
          json.put("totalConverted", converted.format());
        }
        Output.json(json);
      } else {
        for (Map.Entry<String, Map<Currency, Money>> f : report.byFamily().entrySet()) {
          System.out.println(f.getKey() + ": " + formatted(f.getValue()));
        }
        System.out.println("total per month: " + formatted(report.total()));
        if (converted != null) {
          System.out.println("total in " + code + ": " + converted.format());
        }
      }
      return ExitCodes.OK;
    }

    /** Amounts per currency as {@code [12.34 USD, 5.60 CNY]}, each to its minor unit. */
    private static String formatted(Map<Currency, Money> amounts) {
      return amounts.values().stream()
          .map(Money::format)
          .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
  }
}
