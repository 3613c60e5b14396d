package org.wkcheck.load.record;

import java.util.Iterator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The histogram settings every recording shares, and nearest-rank percentiles over them. */
public final class Latencies {
  /**
   * Five significant digits: every integer millisecond up to 262 143 (2^18 - 1) is its own bucket,
   * so percentiles are exact to the millisecond for every answer a request timeout lets through;
   * the histograms resize themselves and are packed (sparse), so a second of a few hundred distinct
   * times takes a few KB.
   */
  public static final int SIGNIFICANT_DIGITS = 5;

  private Latencies() {}

  /** A request name and outcome as an interval log tag: no space, comma or bar of its own. */
  public static String tag(String name, boolean ok) {
    return name.replace("%", "%25").replace(" ", "%20").replace(",", "%2C").replace("|", "%7C")
        + (ok ? "|ok" : "|ko");
  }

  /** The request name of a {@link #tag}. */
  public static String name(String tag) {
    String n = tag.substring(0, tag.lastIndexOf('|'));
    return n.replace("%7C", "|").replace("%2C", ",").replace("%20", " ").replace("%25", "%");
  }

  /** Whether a {@link #tag} is of answers that met their checks. */
  public static boolean ok(String tag) {
    return tag.endsWith("|ok");
  }

  /** An empty histogram with the shared settings. */
  public static Histogram histogram() {
    return new org.HdrHistogram.PackedHistogram(SIGNIFICANT_DIGITS);
  }

  /**
   * Nearest rank: the smallest value that at least {@code p} percent of the values do not exceed (0
   * for an empty histogram).
   */
  public static long percentile(Histogram h, double p) {
    long n = h.getTotalCount();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, Math.min(n, (long) Math.ceil(p / 100.0 * n)));
    long seen = 0;
    Iterator<HistogramIterationValue> it = h.recordedValues().iterator();
    while (it.hasNext()) {
      HistogramIterationValue v = it.next();
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return h.highestEquivalentValue(v.getValueIteratedTo());
      }
    }
    return h.getMaxValue();
  }
}
