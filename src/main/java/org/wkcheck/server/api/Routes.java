package org.wkcheck.server.api;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;

/**
 * A group of routes (users, teams, datasets, annotations, tasks, projects, set-up): a record of
 * what its routes share (the world, the {@link Views} they answer with, the {@link Effects} they
 * have on it) whose {@link #register} lists its routes as method references.
 */
interface Routes {
  World world();

  /** Registers the group's routes, each a method of the group. */
  void register(Router r);

  /** Answers the representations of {@code items}, read holding the world lock, in order. */
  default <T> void answerList(
      Call call, Supplier<Stream<T>> items, Function<? super T, ? extends JsonNode> view) {
    call.ok(world().read(() -> Json.array(items.get().map(view))));
  }
}
