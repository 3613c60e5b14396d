package org.wkcheck.validate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.http.Sizes;

/**
 * Reading files that a hostile recording names: regular files only (a FIFO blocks forever, {@code
 * /dev/zero} never ends), sizes checked before reading and again while reading, and a {@code
 * body_file} only below the folder of the exchange file that names it.
 */
final class BoundedFiles {
  private BoundedFiles() {}

  /** A bounded stream's bound was crossed; {@link #refusal} turns it into the refusal it is. */
  static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }

    InputRefused refusal() {
      return new InputRefused(getMessage());
    }
  }

  /**
   * Refuses what is not a regular file (following links) or is larger than {@code max}; {@code
   * what} names the file in the message.
   */
  static void requireRegular(Path f, long max, String what, String bound)
      throws InputRefused, IOException {
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new InputRefused(
          what
              + " is not a regular file but "
              + (a.isDirectory() ? "a folder" : "a FIFO, device or socket")
              + "; only regular files are read");
    }
    if (a.size() > max) {
      throw new InputRefused(
          what + " is " + Sizes.size(a.size()) + ", above the bound of " + Sizes.size(max) + bound);
    }
  }

  /** A regular file of at most {@code max} bytes, read through a bound in case it grows. */
  static byte[] read(Path f, long max, String what, String bound) throws InputRefused, IOException {
    requireRegular(f, max, what, bound);
    try (InputStream in = Files.newInputStream(f)) {
      byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (b.length > max) {
        throw new InputRefused(
            what + " grew above the bound of " + Sizes.size(max) + bound + " while being read");
      }
      return b;
    }
  }

  /**
   * A stream that throws {@link Exceeded} with {@code message} once more than {@code max} bytes
   * pass.
   */
  static InputStream bounded(InputStream in, long max, String message) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      private void count(int n) throws Exceeded {
        count += n;
        if (count > max) {
          throw new Exceeded(message);
        }
      }
    };
  }

  /**
   * The file a {@code body_file} names: relative, below the folder of the exchange file that names
   * it once resolved and normalized, and still below it after following symbolic links; a regular
   * file of at most {@code max} bytes.
   */
  static byte[] readBodyFile(Path exchangeFile, String name, long max)
      throws InputRefused, IOException {
    Path folder = exchangeFile.toAbsolutePath().normalize().getParent();
    Path named;
    try {
      named = Path.of(name);
    } catch (InvalidPathException e) {
      throw new InputRefused("body_file " + name + " is not a file name: " + e.getReason());
    }
    if (named.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
      throw new InputRefused(
          "body_file "
              + name
              + " is an absolute path; it must name a file in the recording's folder");
    }
    Path file = folder.resolve(named).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      throw new InputRefused("body_file " + name + " escapes the recording's folder");
    }
    Path real = file.toRealPath();
    if (!real.startsWith(folder.toRealPath())) {
      throw new InputRefused(
          "body_file " + name + " leads out of the recording's folder through a symbolic link");
    }
    return read(real, max, "body_file " + name, " (--max-body)");
  }
}
