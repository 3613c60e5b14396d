package org.wkcheck.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write and read them: {@code 64MiB} on a command line, {@code 64 MiB}. */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /**
   * A size as given on the command line: {@code 1048576}, {@code 512k}, {@code 64MiB}, {@code 1G}
   * (binary units).
   */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + text + " (e.g. 64MiB, 512k, 1G)");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k", "kb", "kib" -> 10;
          case "m", "mb", "mib" -> 20;
          case "g", "gb", "gib" -> 30;
          default -> 0;
        };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("too large: " + text);
    }
    return n << shift;
  }

  /** A size for people: {@code 64 MiB}, {@code 1.5 GiB}, {@code 512 bytes}. */
  public static String size(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }
}
