package io.cloudimage.aws;

import io.cloudimage.core.model.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermissionModifications;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Tags, and sharing with other accounts: image launch permissions (accounts, organisations, OUs)
 * and snapshot {@code createVolumePermission} (accounts, the public group).
 */
final class ImageSharing {
  private final AwsCalls aws;

  ImageSharing(AwsCalls aws) {
    this.aws = aws;
  }

  void tag(String resourceId, Tags add, Set<String> remove) {
    String id = AwsIds.resource(resourceId);
    if (!add.isEmpty()) {
      aws.call(
          "ec2:CreateTags",
          id,
          () -> aws.ec2().createTags(r -> r.resources(id).tags(AwsModel.awsTags(add))));
    }
    if (!remove.isEmpty()) {
      List<Tag> keys = remove.stream().map(k -> Tag.builder().key(k).build()).toList();
      aws.call("ec2:DeleteTags", id, () -> aws.ec2().deleteTags(r -> r.resources(id).tags(keys)));
    }
  }

  /**
   * Adds launch permissions: 12-digit account ids, organisation ARNs ({@code
   * arn:aws:organizations::…:organization/o-…}) or organisational-unit ARNs ({@code …:ou/…}).
   */
  void share(String imageId, Set<String> accounts) {
    modifyLaunchPermissions(
        imageId, LaunchPermissionModifications.builder().add(permissions(accounts)).build());
  }

  void unshare(String imageId, Set<String> accounts) {
    modifyLaunchPermissions(
        imageId, LaunchPermissionModifications.builder().remove(permissions(accounts)).build());
  }

  private void modifyLaunchPermissions(String imageId, LaunchPermissionModifications change) {
    String id = AwsIds.image(imageId);
    aws.call(
        "ec2:ModifyImageAttribute",
        id,
        () -> aws.ec2().modifyImageAttribute(r -> r.imageId(id).launchPermission(change)));
  }

  private static List<LaunchPermission> permissions(Set<String> grantees) {
    List<LaunchPermission> perms = new ArrayList<>();
    for (String g : grantees) {
      if (g.startsWith("arn:") && g.contains(":organization/")) {
        perms.add(LaunchPermission.builder().organizationArn(g).build());
      } else if (g.startsWith("arn:") && g.contains(":ou/")) {
        perms.add(LaunchPermission.builder().organizationalUnitArn(g).build());
      } else {
        perms.add(LaunchPermission.builder().userId(AwsIds.account(g)).build());
      }
    }
    return perms;
  }

  /** Adds or removes snapshot create-volume permissions: account ids or {@code all}. */
  void shareSnapshot(String snapshotId, Set<String> grantees, OperationType operation) {
    String id = AwsIds.snapshot(snapshotId);
    List<String> accounts = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (String g : grantees) {
      if (SnapshotPermissions.PUBLIC.equals(g)) {
        groups.add(g);
      } else {
        accounts.add(AwsIds.account(g));
      }
    }
    if (accounts.isEmpty() && groups.isEmpty()) {
      return;
    }
    aws.call(
        "ec2:ModifySnapshotAttribute",
        id,
        () ->
            aws.ec2()
                .modifySnapshotAttribute(
                    r -> {
                      r.snapshotId(id)
                          .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                          .operationType(operation);
                      if (!accounts.isEmpty()) {
                        r.userIds(accounts);
                      }
                      if (!groups.isEmpty()) {
                        r.groupNames(groups);
                      }
                    }));
  }

  /** Who may create volumes from a snapshot. */
  SnapshotPermissions snapshotPermissions(String snapshotId) {
    String id = AwsIds.snapshot(snapshotId);
    List<CreateVolumePermission> perms =
        aws.call(
                "ec2:DescribeSnapshotAttribute",
                id,
                () ->
                    aws.ec2()
                        .describeSnapshotAttribute(
                            r ->
                                r.snapshotId(id)
                                    .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)))
            .createVolumePermissions();
    Set<String> accounts = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (CreateVolumePermission p : perms) {
      if (p.userId() != null) {
        accounts.add(p.userId());
      }
      if (p.groupAsString() != null) {
        groups.add(p.groupAsString());
      }
    }
    return new SnapshotPermissions(accounts, groups);
  }
}
