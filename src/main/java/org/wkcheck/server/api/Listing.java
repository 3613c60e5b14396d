package org.wkcheck.server.api;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationState;

/** The documented list parameters {@code isFinished} and {@code limit} (default 1000). */
final class Listing {
  static final int DEFAULT_LIMIT = 1000;

  private Listing() {}

  /** Applies {@code isFinished} (finished = state Finished) and {@code limit} from the query. */
  static Stream<Annotation> finishedAndLimit(Call call, Stream<Annotation> annotations) {
    Predicate<Annotation> finished =
        flag(call, "isFinished", a -> a.state == AnnotationState.Finished);
    long limit = limit(call);
    return annotations.filter(finished).limit(limit);
  }

  /**
   * The filter of the optional boolean query parameter {@code name}: everything passes when it is
   * absent, else what {@code holds} for exactly when the parameter is true. Reads (and checks) the
   * parameter right away.
   */
  static <T> Predicate<T> flag(Call call, String name, Predicate<T> holds) {
    Optional<Boolean> wanted = call.booleanQuery(name);
    return t -> wanted.isEmpty() || wanted.get() == holds.test(t);
  }

  static long limit(Call call) {
    Optional<Long> asked = call.longQuery("limit");
    long limit = asked.orElse((long) DEFAULT_LIMIT);
    if (limit < 0) {
      throw ApiException.badRequest("Query parameter limit must not be negative");
    }
    return limit;
  }
}
