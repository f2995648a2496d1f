package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** Launch configurations and Auto Scaling groups make images in use, against the emulator. */
class InUseAutoScalingEmulatorTest {
  private Emulator aws;
  private ImageProvider provider;

  @BeforeEach
  void open() {
    aws = Emulator.fresh();
    provider = AwsProviderFactory.open(aws.config(), aws.options);
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void imagesOfLaunchConfigurationsAndOfTheTemplatesScalingGroupsLaunchAreInUse() {
    String configured = aws.image("launch-configuration");
    String grouped = aws.image("scaling-group-configuration");
    String templated = aws.image("scaling-group-template");
    String unused = aws.image("unused");
    String template =
        aws.ec2
            .createLaunchTemplate(
                r ->
                    r.launchTemplateName("asg-" + aws.account)
                        .launchTemplateData(d -> d.imageId(templated).instanceType("t3.micro")))
            .launchTemplate()
            .launchTemplateId();
    try (AutoScalingClient autoScaling = aws.autoScaling()) {
      // A configuration no group uses still counts: a group may be made from it at any time.
      autoScaling.createLaunchConfiguration(
          r -> r.launchConfigurationName("alone").imageId(configured).instanceType("t3.micro"));
      autoScaling.createLaunchConfiguration(
          r -> r.launchConfigurationName("grouped").imageId(grouped).instanceType("t3.micro"));
      autoScaling.createAutoScalingGroup(
          r ->
              r.autoScalingGroupName("by-configuration")
                  .launchConfigurationName("grouped")
                  .minSize(0)
                  .maxSize(1)
                  .availabilityZones(Emulator.REGION + "a"));
      autoScaling.createAutoScalingGroup(
          r ->
              r.autoScalingGroupName("by-template")
                  .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"))
                  .minSize(0)
                  .maxSize(1)
                  .availabilityZones(Emulator.REGION + "a"));
    }

    assertThat(provider.imagesInUse())
        .contains(configured, grouped, templated)
        .doesNotContain(unused);
    assertThat(provider.images().filter(i -> i.usage().inUse()).map(Image::nativeId))
        .containsExactlyInAnyOrder(configured, grouped, templated);
  }
}
