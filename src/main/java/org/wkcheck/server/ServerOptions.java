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
 * @param uploadMemoryBytes the memory all requests in flight may hold together (bodies read, bytes
 *     unpacked from archives); see {@link #defaultUploadMemoryBytes()}
 * @param faults named defects to switch on (none for a conforming server)
 */
public record ServerOptions(
    String host,
    int port,
    Duration compoundCacheTtl,
    long maxJsonBodyBytes,
    long maxUploadBytes,
    long uploadMemoryBytes,
    Set<Fault> faults) {

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
        Set.of());
  }

  public static ServerOptions defaults() {
    return new ServerOptions(LOOPBACK, 0, Duration.ofMinutes(3), 8L << 20, 64L << 20);
  }

  /**
   * A quarter of the JVM's maximum heap ({@code Runtime.maxMemory()}, 1.5 GiB of a 6 GiB heap). Why
   * a quarter: a counted byte can cost up to three bytes of heap while it is held (an unpacked
   * entry grows in a buffer that doubles, then is copied out once; a multipart file is buffered by
   * Jetty and copied into the request), so uploads at the budget take at most about three quarters
   * of the heap, and the last quarter stays for the world, the parsed NML and the merges. Without a
   * bound, 24 concurrent ZIP bombs exhausted a 6 GiB heap (8 answers 500); with a quarter they get
   * 413 or 503 ({@code src/test/bench/zip-bombs.sh}). A much smaller share would refuse single
   * large uploads (one file may unpack to 256 MiB) on small heaps.
   */
  public static long defaultUploadMemoryBytes() {
    return Runtime.getRuntime().maxMemory() / UPLOAD_MEMORY_SHARE_OF_HEAP_DIVISOR;
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(
        host,
        newPort,
        compoundCacheTtl,
        maxJsonBodyBytes,
        maxUploadBytes,
        uploadMemoryBytes,
        faults);
  }

  public ServerOptions withHost(String newHost) {
    return new ServerOptions(
        newHost,
        port,
        compoundCacheTtl,
        maxJsonBodyBytes,
        maxUploadBytes,
        uploadMemoryBytes,
        faults);
  }

  public ServerOptions withCompoundCacheTtl(Duration ttl) {
    return new ServerOptions(
        host, port, ttl, maxJsonBodyBytes, maxUploadBytes, uploadMemoryBytes, faults);
  }

  /** The same server with this budget for the memory of all requests in flight. */
  public ServerOptions withUploadMemoryBytes(long bytes) {
    return new ServerOptions(
        host, port, compoundCacheTtl, maxJsonBodyBytes, maxUploadBytes, bytes, faults);
  }

  /** The same server with these defects switched on. */
  public ServerOptions withFaults(Set<Fault> newFaults) {
    return new ServerOptions(
        host,
        port,
        compoundCacheTtl,
        maxJsonBodyBytes,
        maxUploadBytes,
        uploadMemoryBytes,
        newFaults);
  }
}
