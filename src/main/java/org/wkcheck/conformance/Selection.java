package org.wkcheck.conformance;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlInclude;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.RequirementCatalog;

/**
 * Which tests of the suite a run takes: {@code --only} and {@code --exclude}, each a list of
 * selectors. A selector names a requirement id ({@code tasks.create.partial-failure-is-200}), a
 * route template ({@code "POST /tasks"}), a route group ({@code tasks}), a test class ({@code
 * TasksConformance}) or one test ({@code TasksConformance.taskIdAddressesTheTask}); a test is taken
 * when some {@code --only} selector names it (or there is none) and no {@code --exclude} selector
 * does. A selector that names no test at all is refused, so that a typo never runs nothing.
 */
public final class Selection {
  private final List<String> only;
  private final List<String> exclude;
  private final RequirementCatalog catalog;

  private Selection(List<String> only, List<String> exclude, RequirementCatalog catalog) {
    this.only = only;
    this.exclude = exclude;
    this.catalog = catalog;
  }

  /** Every test. */
  public static Selection all(RequirementCatalog catalog) {
    return new Selection(List.of(), List.of(), catalog);
  }

  /**
   * The selection the flags give.
   *
   * @throws IllegalArgumentException naming a selector that selects no test of {@code classes}
   */
  public static Selection of(
      List<String> only, List<String> exclude, RequirementCatalog catalog, List<Class<?>> classes) {
    Selection s = new Selection(clean(only), clean(exclude), catalog);
    List<String> unknown = new ArrayList<>();
    for (String selector : concat(s.only, s.exclude)) {
      boolean named = false;
      for (Class<?> c : classes) {
        for (Method m : tests(c)) {
          named |= s.names(selector, c, m);
        }
      }
      if (!named) {
        unknown.add(selector);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "no test is named by "
              + String.join(", ", unknown)
              + " (a requirement id, a route like \"POST /tasks\", a route group, a test class or"
              + " Class.method; ./wkcheck conformance --list tests shows them)");
    }
    return s;
  }

  private static List<String> clean(List<String> selectors) {
    return selectors == null
        ? List.of()
        : selectors.stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Whether the selection takes everything. */
  public boolean isAll() {
    return only.isEmpty() && exclude.isEmpty();
  }

  /** Whether this test is taken. */
  public boolean includes(Class<?> c, Method m) {
    return (only.isEmpty() || only.stream().anyMatch(x -> names(x, c, m)))
        && exclude.stream().noneMatch(x -> names(x, c, m));
  }

  /**
   * The classes with their selected tests, as TestNG runs them; classes left empty are left out.
   */
  public List<XmlClass> xmlClasses(List<Class<?>> classes) {
    List<XmlClass> out = new ArrayList<>();
    for (Class<?> c : classes) {
      XmlClass x = new XmlClass(c);
      if (!isAll()) {
        List<XmlInclude> included = new ArrayList<>();
        for (Method m : tests(c)) {
          if (includes(c, m)) {
            included.add(new XmlInclude(m.getName()));
          }
        }
        if (included.isEmpty()) {
          continue;
        }
        x.setIncludedMethods(included);
      }
      out.add(x);
    }
    return out;
  }

  /** How many tests of {@code classes} are taken. */
  public int count(List<Class<?>> classes) {
    int n = 0;
    for (Class<?> c : classes) {
      for (Method m : tests(c)) {
        n += includes(c, m) ? 1 : 0;
      }
    }
    return n;
  }

  /** The test methods of a class (its {@code @Test} methods, inherited ones too), by name. */
  public static List<Method> tests(Class<?> c) {
    return Arrays.stream(c.getMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  /** The requirement ids a test checks. */
  public static List<String> requirements(Method m) {
    Requirement r = m.getAnnotation(Requirement.class);
    return r == null ? List.of() : List.of(r.value());
  }

  private boolean names(String selector, Class<?> c, Method m) {
    if (selector.equals(c.getSimpleName())
        || selector.equals(c.getName())
        || selector.equals(c.getSimpleName() + "." + m.getName())) {
      return true;
    }
    String route = route(selector);
    for (String id : requirements(m)) {
      if (id.equals(selector)) {
        return true;
      }
      CatalogRequirement q = catalog.byId(id).orElse(null);
      if (q != null
          && (q.group().equals(selector) || (route != null && q.routes().contains(route)))) {
        return true;
      }
    }
    return false;
  }

  /** {@code "post /tasks"} as the catalogs write it ({@code POST /tasks}), or null. */
  private static String route(String selector) {
    String[] parts = selector.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[1].startsWith("/")) {
      return null;
    }
    return parts[0].toUpperCase(Locale.ROOT) + " " + parts[1];
  }

  /** The selectors of a rerun of these tests: their requirement ids, or the tests themselves. */
  public static Set<String> rerunSelectors(String className, String method, List<String> ids) {
    Set<String> out = new LinkedHashSet<>(ids);
    if (out.isEmpty()) {
      String simple = className.substring(className.lastIndexOf('.') + 1);
      out.add(simple + "." + method);
    }
    return out;
  }
}
