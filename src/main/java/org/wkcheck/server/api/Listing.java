package org.wkcheck.server.api;

import java.util.Optional;
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
    Optional<Boolean> finished = call.booleanQuery("isFinished");
    long limit = limit(call);
    return annotations
        .filter(a -> finished.isEmpty() || finished.get() == (a.state == AnnotationState.Finished))
        .limit(limit);
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
