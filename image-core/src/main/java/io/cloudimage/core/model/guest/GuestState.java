package io.cloudimage.core.model.guest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guest state an image recorded at capture: its devices, filesystems, network and cgroup.
 *
 * @param rootDevice the root device name, such as {@code /dev/xvda}; empty when unknown
 * @param deviceBindings the block devices mapped at launch
 * @param filesystems the filesystems inside
 * @param networkState the network state recorded at capture
 * @param cgroupState the process-state snapshot recorded at capture, or {@code null}
 */
public record GuestState(
    String rootDevice,
    List<DeviceBinding> deviceBindings,
    List<FilesystemInfo> filesystems,
    NetworkState networkState,
    @Nullable CgroupState cgroupState) {
  /** Nothing recorded: no root device name, devices, filesystems, network or cgroup. */
  public static final GuestState NONE =
      new GuestState("", List.of(), List.of(), NetworkState.EMPTY, null);

  /** Validates and copies the lists. */
  public GuestState {
    Checks.required(rootDevice, "GuestState.rootDevice");
    deviceBindings = Checks.copy(Checks.required(deviceBindings, "GuestState.deviceBindings"));
    filesystems = Checks.copy(Checks.required(filesystems, "GuestState.filesystems"));
    Checks.required(networkState, "GuestState.networkState");
  }
}
