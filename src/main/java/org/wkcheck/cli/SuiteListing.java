package org.wkcheck.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.wkcheck.conformance.Selection;
import org.wkcheck.conformance.Suite;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.Route;

/**
 * {@code ./wkcheck conformance --list [requirements|routes|tests]}: what the suite holds, with the
 * names {@code --only} and {@code --exclude} take.
 */
final class SuiteListing {
  static final List<String> KINDS = List.of("requirements", "routes", "tests");

  private SuiteListing() {}

  /** Prints the list; 0, or {@link Usage} for a kind there is not. */
  static int print(String kind, Contract contract, PrintStream out) {
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "requirements":
        for (CatalogRequirement q : contract.requirements().requirements()) {
          out.println(
              q.id()
                  + "  "
                  + q.level()
                  + (q.testable() ? "" : " (not testable)")
                  + "  "
                  + q.statement());
        }
        return 0;
      case "routes":
        for (Route r : contract.routes().routes()) {
          long checked =
              contract.requirements().requirements().stream()
                  .filter(q -> q.routes().contains(r.id()))
                  .count();
          out.println(r.id() + "  (" + r.group() + ", " + checked + " requirements)");
        }
        return 0;
      case "tests":
        for (Class<?> c : Suite.CLASSES) {
          for (Method m : Selection.tests(c)) {
            List<String> ids = Selection.requirements(m);
            out.println(
                c.getSimpleName()
                    + "."
                    + m.getName()
                    + (ids.isEmpty() ? "" : "  " + String.join(", ", ids)));
          }
        }
        return 0;
      default:
        throw new Usage("--list takes one of " + KINDS + ", not " + kind);
    }
  }
}
