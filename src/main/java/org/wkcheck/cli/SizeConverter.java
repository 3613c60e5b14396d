package org.wkcheck.cli;

import org.wkcheck.http.Sizes;
import picocli.CommandLine;

/**
 * A size option ({@code 64MiB}, {@code 512k}, {@code 1G}, binary units): positive, and small enough
 * to be held in memory as one array, since the bodies it bounds are.
 */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
  private static final long MAX = Integer.MAX_VALUE - 8;

  @Override
  public Long convert(String value) {
    try {
      long n = Sizes.parseSize(value);
      if (n < 1 || n > MAX) {
        throw new IllegalArgumentException(
            "a size between 1 byte and " + Sizes.size(MAX) + " (a body is held in memory)");
      }
      return n;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
