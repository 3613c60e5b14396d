package org.wkcheck.report;

/** What every XML report the harness writes needs: text a target sent, made fit for XML 1.0. */
public final class Xml {
  private Xml() {}

  /**
   * {@code s} with the characters XML 1.0 cannot hold (control characters, lone surrogates) as '?'.
   */
  public static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              boolean ok =
                  c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || (c >= 0x10000 && c <= 0x10FFFF);
              b.appendCodePoint(ok ? c : '?');
            });
    return b.toString();
  }
}
