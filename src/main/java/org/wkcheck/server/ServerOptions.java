package org.wkcheck.server;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.server.http.KnownCapacity;

/**
 * Settings of the reference server.
 *
 * @param host the address to listen on (loopback by default)
 * @param port the port; 0 picks a free one
 * @param compoundCacheTtl how long merged compound annotations are kept ("a few minutes")
 * @param maxJsonBodyBytes the largest JSON request body accepted; larger ones get 413
 * @param maxUploadBytes the largest multipart request accepted; larger ones get 413
 * @param uploadMemoryBytes the memory all requests in flight may hold together (bodies read, bytes
 *     unpacked from archives); see {@link #defaultUploadMemoryBytes()}
 * @param faults named defects to switch on (none for a conforming server)
 * @param capacity a known capacity to hold the server to ({@code null}: as fast as it goes); see
 *     {@link KnownCapacity}
 */
public record ServerOptions(
    String host,
    int port,
    Duration compoundCacheTtl,
    long maxJsonBodyBytes,
    long maxUploadBytes,
    long uploadMemoryBytes,
    Set<Fault> faults,
    KnownCapacity.Limit capacity) {

  public static final String LOOPBACK = "127.0.0.1";

  /** The share of the JVM's maximum heap that uploads in flight may hold together. */
  public static final int UPLOAD_MEMORY_SHARE_OF_HEAP_DIVISOR = 4;

  public ServerOptions {
    if (uploadMemoryBytes <= 0) {
      throw new IllegalArgumentException("uploadMemoryBytes must be positive");
    }
    faults = Set.copyOf(faults);
  }

  public ServerOptions(
      String host,
      int port,
      Duration compoundCacheTtl,
      long maxJsonBodyBytes,
      long maxUploadBytes) {
    this(
        host,
        port,
        compoundCacheTtl,
        maxJsonBodyBytes,
        maxUploadBytes,
        defaultUploadMemoryBytes(),
        Set.of(),
        null);
  }

  public static ServerOptions defaults() {
    return new ServerOptions(LOOPBACK, 0, Duration.ofMinutes(3), 8L << 20, 64L << 20);
  }

  /**
   * A quarter of the JVM's maximum heap ({@code Runtime.maxMemory()}; 1.5 GiB of the 6 GiB a JVM
   * takes by default on a 24 GB machine). The reservations count what uploads allocate to hold
   * their bytes: each body as it is read, the copy of each file, the blocks an archive entry is
   * unpacked into and the one array they are copied into. They do not count what is built from
   * those bytes: the parsed NML (measured at 1.4 times the size of its text), its merge into an
   * annotation, JSON trees, the world. With a quarter, the counted bytes stay below 25 % of the
   * heap and what is built from them below about 40 % more, which leaves room for the world and for
   * the garbage collector. The largest single upload (a 64 MiB body that unpacks to 256 MiB, about
   * 640 MiB reserved) still fits twice at once in a 6 GiB heap; on a 1 GiB heap (256 MiB budget) a
   * single file unpacking to more than about 120 MiB gets 413. Without any bound, 24 concurrent ZIP
   * bombs exhausted a 6 GiB heap (8 answers 500); with this one they get 413 or 503 ({@code
   * src/test/bench/zip-bombs.sh}).
   */
  public static long defaultUploadMemoryBytes() {
    return Runtime.getRuntime().maxMemory() / UPLOAD_MEMORY_SHARE_OF_HEAP_DIVISOR;
  }

  public ServerOptions withPort(int newPort) {
    return with(d -> d.port = newPort);
  }

  public ServerOptions withHost(String newHost) {
    return with(d -> d.host = newHost);
  }

  public ServerOptions withCompoundCacheTtl(Duration ttl) {
    return with(d -> d.compoundCacheTtl = ttl);
  }

  /** The same server with this budget for the memory of all requests in flight. */
  public ServerOptions withUploadMemoryBytes(long bytes) {
    return with(d -> d.uploadMemoryBytes = bytes);
  }

  /** The same server with these defects switched on. */
  public ServerOptions withFaults(Set<Fault> newFaults) {
    return with(d -> d.faults = newFaults);
  }

  /** The same server held to a known capacity ({@code null}: as fast as it goes). */
  public ServerOptions withCapacity(KnownCapacity.Limit limit) {
    return with(d -> d.capacity = limit);
  }

  /** A copy with the settings that {@code change} sets on a {@link Draft} of these. */
  public ServerOptions with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The settings of a {@link ServerOptions}, to change some of before building new ones. */
  public static final class Draft {
    public String host;
    public int port;
    public Duration compoundCacheTtl;
    public long maxJsonBodyBytes;
    public long maxUploadBytes;
    public long uploadMemoryBytes;
    public Set<Fault> faults;
    public KnownCapacity.Limit capacity;

    private Draft(ServerOptions o) {
      host = o.host;
      port = o.port;
      compoundCacheTtl = o.compoundCacheTtl;
      maxJsonBodyBytes = o.maxJsonBodyBytes;
      maxUploadBytes = o.maxUploadBytes;
      uploadMemoryBytes = o.uploadMemoryBytes;
      faults = o.faults;
      capacity = o.capacity;
    }

    private ServerOptions build() {
      return new ServerOptions(
          host,
          port,
          compoundCacheTtl,
          maxJsonBodyBytes,
          maxUploadBytes,
          uploadMemoryBytes,
          faults,
          capacity);
    }
  }
}
