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
 * A group of routes (users, datasets, annotations, tasks, projects, set-up) and what they share:
 * the world, the {@link Views} of it they answer with, and the {@link Effects} they have on it.
 */
abstract class Routes {
  /** What every group is made with. */
  record Parts(World world, Views views, Effects effects) {}

  final World world;
  final Views views;
  final Effects effects;

  Routes(Parts parts) {
    this.world = parts.world();
    this.views = parts.views();
    this.effects = parts.effects();
  }

  /** Registers the group's routes, each a method of the group. */
  abstract void register(Router r);

  /** Answers the representations of {@code items}, read holding the world lock, in order. */
  <T> void answerList(
      Call call, Supplier<Stream<T>> items, Function<? super T, ? extends JsonNode> view) {
    call.ok(world.read(() -> Json.array(items.get().map(view))));
  }
}
