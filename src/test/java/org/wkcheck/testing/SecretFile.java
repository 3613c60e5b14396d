package org.wkcheck.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file holding a unique marker, for checks that an XML external entity is never
 * expanded: the marker must appear nowhere. Deleted on close.
 */
public record SecretFile(Path path, String marker) implements AutoCloseable {

  /** A new file {@code <filePrefix>...txt} holding {@code <markerPrefix><nanoTime>}. */
  public static SecretFile create(String markerPrefix, String filePrefix) throws IOException {
    String marker = markerPrefix + System.nanoTime();
    Path path = Files.createTempFile(filePrefix, ".txt");
    try {
      Files.writeString(path, marker);
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
    return new SecretFile(path, marker);
  }

  public String uri() {
    return path.toUri().toString();
  }

  /** A DOCTYPE of {@code things} declaring the general entity {@code xxe} as that resource. */
  public static String entityDoctype(String uri) {
    return "<!DOCTYPE things [<!ENTITY xxe SYSTEM \"" + uri + "\">]>\n";
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
