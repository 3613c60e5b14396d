package org.wkcheck.server.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.api.Effects;
import org.wkcheck.server.api.Representation;
import org.wkcheck.server.api.ViewDecorator;
import org.wkcheck.server.http.RouteFilter;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults switched on, as what the reference server takes at its seams: the {@link
 * ServerOptions} it runs with, {@link RouteFilter}s around its routes, a {@link ViewDecorator} over
 * its representations and the {@link Effects} its routes have. With no fault on, each is the
 * server's own. Each fault installs its defect here ({@link Fault#defect()}); several faults apply
 * in declaration order (the first declared filter is outermost, the first declared rewrite and
 * effect apply first).
 */
public final class FaultLayer {
  /** How a fault changes the server: what it installs at the seams. */
  @FunctionalInterface
  public interface Defect {
    void install(FaultLayer layer);

    /** The defect that decorates the effects installed before it with {@code decorator}. */
    static Defect effects(UnaryOperator<Effects> decorator) {
      return layer -> layer.effects(decorator);
    }
  }

  private UnaryOperator<ServerOptions> options = UnaryOperator.identity();
  private boolean changesOptions;
  private final List<RouteFilter> filters = new ArrayList<>();
  private final List<Rewrite<?>> rewrites = new ArrayList<>();
  private Effects effects = Effects.DOCUMENTED;

  private record Rewrite<T>(
      Representation<T> representation, BiFunction<T, ObjectNode, ObjectNode> rewrite) {}

  private FaultLayer() {}

  /** The defects of {@code faults}; none for an empty set. */
  public static FaultLayer of(Set<Fault> faults) {
    FaultLayer layer = new FaultLayer();
    for (Fault f : Fault.values()) {
      if (faults.contains(f)) {
        f.defect().install(layer);
      }
    }
    return layer;
  }

  // --- what the server takes ------------------------------------------------------------------

  /** The options the server runs with when it was asked for {@code asked}. */
  public ServerOptions options(ServerOptions asked) {
    return options.apply(asked);
  }

  public List<RouteFilter> routeFilters() {
    return List.copyOf(filters);
  }

  public ViewDecorator views() {
    if (rewrites.isEmpty()) {
      return ViewDecorator.NONE;
    }
    List<Rewrite<?>> all = List.copyOf(rewrites);
    return new ViewDecorator() {
      @Override
      public <T> ObjectNode decorate(Representation<T> representation, T of, ObjectNode json) {
        ObjectNode out = json;
        for (Rewrite<?> r : all) {
          if (r.representation() == representation) {
            @SuppressWarnings("unchecked") // the same representation has the same entity type
            Rewrite<T> same = (Rewrite<T>) r;
            out = same.rewrite().apply(of, out);
          }
        }
        return out;
      }
    };
  }

  public Effects effects() {
    return effects;
  }

  /** Whether the server is left as it is. */
  public boolean isEmpty() {
    return !changesOptions
        && filters.isEmpty()
        && rewrites.isEmpty()
        && effects == Effects.DOCUMENTED;
  }

  // --- what defects install -------------------------------------------------------------------

  void options(UnaryOperator<ServerOptions> change) {
    UnaryOperator<ServerOptions> before = options;
    options = o -> change.apply(before.apply(o));
    changesOptions = true;
  }

  /** A filter around every route. */
  void filter(RouteFilter filter) {
    filters.add(filter);
  }

  /** A filter around the given routes ({@code "GET /tasks/{id}"}) only. */
  void filter(RouteFilter filter, String... routes) {
    Set<String> on = Set.of(routes);
    filters.add(
        (call, next) -> {
          if (on.contains(call.route())) {
            filter.filter(call, next);
          } else {
            next.proceed();
          }
        });
  }

  /** A rewrite of every representation of kind {@code representation}. */
  <T> void view(Representation<T> representation, BiFunction<T, ObjectNode, ObjectNode> rewrite) {
    rewrites.add(new Rewrite<>(representation, rewrite));
  }

  /** A decorator of the effects installed so far. */
  void effects(UnaryOperator<Effects> decorator) {
    effects = decorator.apply(effects);
  }
}
