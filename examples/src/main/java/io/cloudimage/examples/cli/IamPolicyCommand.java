package io.cloudimage.examples.cli;

import io.cloudimage.aws.IamPolicy;
import io.cloudimage.core.lifecycle.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudimage iam-policy --plan PLAN}: the least-privilege AWS IAM policy that applying a
 * lifecycle plan needs, as the policy document JSON.
 */
@Command(
    name = "iam-policy",
    mixinStandardHelpOptions = true,
    description =
        "Print the least-privilege AWS IAM policy (JSON) that applying a lifecycle plan needs.")
final class IamPolicyCommand implements Callable<Integer> {
  @Option(
      names = "--plan",
      required = true,
      paramLabel = "FILE",
      description = "The plan file from `lifecycle plan --json`.")
  Path plan = Path.of("");

  @Override
  public Integer call() {
    System.out.print(IamPolicy.forPlan(Plan.read(plan)));
    return ExitCodes.OK;
  }
}
