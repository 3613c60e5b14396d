package org.wkcheck.validate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.http.Sizes;

/**
 * The NML entries of a ZIP body (an annotation download with volume data, a compound download),
 * unpacked within the {@link InputLimits}: entry count, uncompressed size per entry and in all, and
 * compression ratio, all counted on the bytes actually inflated. The sizes a ZIP's headers claim
 * are never trusted. Entries are unpacked one at a time; other entries are counted and dropped.
 */
final class ZipBodies {
  private ZipBodies() {}

  /** What is done with each NML entry. */
  interface NmlEntry {
    void accept(String name, byte[] nml) throws InputRefused;
  }

  /**
   * Hands each NML entry of {@code zip} to {@code each}, in order, and returns how many there were.
   * {@code what} names the body in refusals ({@code data.zip}, {@code the ZIP body}). A broken
   * archive is an {@link IOException}; a bound crossed is an {@link InputRefused}.
   */
  static int forEachNml(byte[] zip, String what, InputLimits limits, NmlEntry each)
      throws IOException, InputRefused {
    long total = 0;
    int entries = 0;
    int nmls = 0;
    byte[] buf = new byte[64 * 1024];
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (++entries > InputLimits.MAX_ZIP_ENTRIES) {
          throw new InputRefused(what + ": ZIP entry count above " + InputLimits.MAX_ZIP_ENTRIES);
        }
        String name = entry.getName();
        boolean nml = name.toLowerCase(Locale.ROOT).endsWith(".nml");
        ByteArrayOutputStream out = nml ? new ByteArrayOutputStream() : null;
        long size = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
          size += n;
          total += n;
          if (size > limits.maxBody()) {
            throw new InputRefused(
                what
                    + ": ZIP entry "
                    + name
                    + " unpacks to more than "
                    + Sizes.size(limits.maxBody())
                    + " (--max-body)");
          }
          if (total > limits.maxZipTotal()) {
            throw new InputRefused(
                what
                    + ": ZIP entries unpack to an uncompressed size above "
                    + Sizes.size(limits.maxZipTotal())
                    + " ("
                    + InputLimits.ZIP_TOTAL_FACTOR
                    + " x --max-body)");
          }
          if (total > InputLimits.ZIP_RATIO_FLOOR
              && total > (long) InputLimits.MAX_ZIP_RATIO * zip.length) {
            throw new InputRefused(
                what
                    + ": ZIP compression ratio above "
                    + InputLimits.MAX_ZIP_RATIO
                    + ":1 ("
                    + Sizes.size(zip.length)
                    + " unpacked to more than "
                    + Sizes.size(total)
                    + " by entry "
                    + name
                    + "): a ZIP bomb?");
          }
          if (out != null) {
            out.write(buf, 0, n);
          }
        }
        if (nml) {
          nmls++;
          each.accept(name, out.toByteArray());
        }
      }
    }
    return nmls;
  }
}
