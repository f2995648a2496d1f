package io.cloudimage.core.model.guest;

import java.util.List;

/**
 * The network state recorded when the image was captured: what a golden image must scrub or
 * regenerate at first boot (persistent MAC bindings, static addresses, routes).
 *
 * @param interfaces the interfaces that existed at capture
 * @param routes the routes that existed at capture
 */
public record NetworkState(List<Interface> interfaces, List<Route> routes) {
  /** A state with no interfaces and no routes: what a clean image records. */
  public static final NetworkState EMPTY = new NetworkState(List.of(), List.of());

  public NetworkState {
    interfaces = Checks.copy(interfaces);
    routes = Checks.copy(routes);
  }

  /** Whether anything was recorded that must be scrubbed before publishing. */
  public boolean isEmpty() {
    return interfaces.isEmpty() && routes.isEmpty();
  }

  /**
   * A network interface.
   *
   * @param name the interface name, such as {@code eth0}
   * @param mac the MAC address, or empty when unknown
   * @param addresses the addresses in CIDR form, such as {@code 10.0.0.5/24}
   */
  public record Interface(String name, String mac, List<String> addresses) {
    public Interface {
      Checks.nonBlank(name, "NetworkState.Interface.name");
      Checks.required(mac, "NetworkState.Interface.mac");
      addresses = Checks.copy(addresses);
    }
  }

  /**
   * A route.
   *
   * @param destination the destination in CIDR form, {@code 0.0.0.0/0} for the default route
   * @param gateway the gateway address, or empty for a link route
   * @param device the interface it leaves through
   */
  public record Route(String destination, String gateway, String device) {
    public Route {
      Checks.nonBlank(destination, "NetworkState.Route.destination");
      Checks.required(gateway, "NetworkState.Route.gateway");
      Checks.required(device, "NetworkState.Route.device");
    }
  }
}
