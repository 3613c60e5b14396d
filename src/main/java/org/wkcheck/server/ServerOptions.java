package org.wkcheck.server;

import java.time.Duration;
import java.util.Set;
import org.wkcheck.server.faults.Fault;

/**
 * Settings of the reference server.
 *
 * @param host the address to listen on (loopback by default)
 * @param port the port; 0 picks a free one
 * @param compoundCacheTtl how long merged compound annotations are kept ("a few minutes")
 * @param maxJsonBodyBytes the largest JSON request body accepted; larger ones get 413
 * @param maxUploadBytes the largest multipart request accepted; larger ones get 413
 * @param faults named defects to switch on (none for a conforming server)
 */
public record ServerOptions(
    String host,
    int port,
    Duration compoundCacheTtl,
    long maxJsonBodyBytes,
    long maxUploadBytes,
    Set<Fault> faults) {

  public static final String LOOPBACK = "127.0.0.1";

  public ServerOptions {
    faults = Set.copyOf(faults);
  }

  public ServerOptions(
      String host,
      int port,
      Duration compoundCacheTtl,
      long maxJsonBodyBytes,
      long maxUploadBytes) {
    this(host, port, compoundCacheTtl, maxJsonBodyBytes, maxUploadBytes, Set.of());
  }

  public static ServerOptions defaults() {
    return new ServerOptions(LOOPBACK, 0, Duration.ofMinutes(3), 8L << 20, 64L << 20);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(
        host, newPort, compoundCacheTtl, maxJsonBodyBytes, maxUploadBytes, faults);
  }

  public ServerOptions withHost(String newHost) {
    return new ServerOptions(
        newHost, port, compoundCacheTtl, maxJsonBodyBytes, maxUploadBytes, faults);
  }

  public ServerOptions withCompoundCacheTtl(Duration ttl) {
    return new ServerOptions(host, port, ttl, maxJsonBodyBytes, maxUploadBytes, faults);
  }

  /** The same server with these defects switched on. */
  public ServerOptions withFaults(Set<Fault> newFaults) {
    return new ServerOptions(
        host, port, compoundCacheTtl, maxJsonBodyBytes, maxUploadBytes, newFaults);
  }
}
