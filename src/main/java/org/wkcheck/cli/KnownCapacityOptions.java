package org.wkcheck.cli;

import java.time.Duration;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.http.KnownCapacity;
import picocli.CommandLine.Option;

/**
 * {@code --capacity N [--service-time MS]}: holds the reference server to a known capacity, to
 * prove what {@code capacity} and {@code load} find against a server whose limit is known exactly.
 */
final class KnownCapacityOptions {
  @Option(names = "--capacity", paramLabel = "N")
  Double capacity;

  @Option(names = "--service-time", paramLabel = "MS")
  Double serviceTimeMillis;

  /** The limit asked for, or null; bad values are {@link Usage}. */
  KnownCapacity.Limit limit() {
    if (capacity == null) {
      if (serviceTimeMillis != null) {
        throw new Usage("--service-time needs --capacity");
      }
      return null;
    }
    double millis =
        serviceTimeMillis == null
            ? KnownCapacity.DEFAULT_SERVICE_TIME.toMillis()
            : serviceTimeMillis;
    if (!(capacity > 0) || capacity.isInfinite() || !(millis > 0) || millis > 60_000) {
      throw new Usage(
          "--capacity must be a positive rate and --service-time between 0 and 60000 ms, not "
              + capacity
              + " and "
              + millis);
    }
    return new KnownCapacity.Limit(capacity, Duration.ofNanos(Math.round(millis * 1e6)));
  }

  /** The embedded server's options, held to the capacity asked for. */
  ServerOptions embedded() {
    return ServerOptions.defaults().withCapacity(limit());
  }
}
