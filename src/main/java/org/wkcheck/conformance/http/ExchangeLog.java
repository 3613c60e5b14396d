package org.wkcheck.conformance.http;

import java.util.ArrayList;
import java.util.List;

/** The exchanges of the test running on this thread; the reports take them from here. */
public final class ExchangeLog {
  private static final ThreadLocal<List<Exchange>> CURRENT =
      ThreadLocal.withInitial(ArrayList::new);

  private ExchangeLog() {}

  public static void start() {
    CURRENT.get().clear();
  }

  static void add(Exchange e) {
    CURRENT.get().add(e);
  }

  /** The exchanges of the current test so far, oldest first. */
  public static List<Exchange> current() {
    return List.copyOf(CURRENT.get());
  }

  public static Exchange last() {
    List<Exchange> l = CURRENT.get();
    return l.isEmpty() ? null : l.get(l.size() - 1);
  }
}
