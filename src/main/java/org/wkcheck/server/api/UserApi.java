package org.wkcheck.server.api;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.node.ArrayNode;

/**
 * The user routes: the user list, oneself, a user, and their task and explorational annotations.
 */
final class UserApi {
  private UserApi() {}

  static void register(Router r, World world, Views views) {

    r.get(
        "/users",
        Auth.REQUIRED,
        call -> {
          User me = call.user();
          Optional<Boolean> editable = call.booleanQuery("isEditable");
          Optional<Boolean> admin = call.booleanQuery("isAdmin");
          call.ok(
              world.read(
                  () -> {
                    ArrayNode out = Json.array();
                    world.users().stream()
                        .filter(u -> Access.canRead(me, u))
                        .filter(
                            u ->
                                editable.isEmpty()
                                    || editable.get() == Access.canEditMemberships(me, u))
                        .filter(u -> admin.isEmpty() || admin.get() == u.isAdmin)
                        .sorted(
                            Comparator.comparing((User u) -> u.lastName.toLowerCase(Locale.ROOT))
                                .thenComparing(u -> u.id))
                        .forEach(u -> out.add(views.user(u, me)));
                    return out;
                  }));
        });

    r.get(
        "/user",
        Auth.REQUIRED,
        call -> call.ok(world.read(() -> views.user(call.user(), call.user()))));

    r.get(
        "/users/{id}",
        Auth.REQUIRED,
        call -> call.ok(world.read(() -> views.user(readableUser(call, world), call.user()))));

    r.get("/user/tasks", Auth.REQUIRED, call -> taskAnnotations(call, world, views, call.user()));
    r.get(
        "/users/{id}/tasks",
        Auth.REQUIRED,
        call -> taskAnnotations(call, world, views, world.read(() -> readableUser(call, world))));
    r.get(
        "/user/annotations",
        Auth.REQUIRED,
        call -> explorationals(call, world, views, call.user()));
    r.get(
        "/users/{id}/annotations",
        Auth.REQUIRED,
        call -> explorationals(call, world, views, world.read(() -> readableUser(call, world))));
  }

  /** The user named in the path, if the caller may see them; 404 otherwise. */
  private static User readableUser(Call call, World world) {
    String id = call.objectId("id");
    return world
        .user(id)
        .filter(u -> Access.canRead(call.user(), u))
        .orElseThrow(() -> ApiException.notFound("User not found"));
  }

  private static Stream<Annotation> ownedBy(
      World world, User owner, AnnotationType typ, User viewer) {
    return world.annotationsOwnedBy(owner).stream()
        .filter(a -> a.typ == typ && a.state != AnnotationState.Cancelled)
        .filter(a -> Access.canRead(viewer, a));
  }

  /** Task annotations of a user, with their task embedded; {@code isFinished}, {@code limit}. */
  private static void taskAnnotations(Call call, World world, Views views, User owner) {
    User viewer = call.user();
    call.ok(
        world.read(
            () -> {
              List<Annotation> list =
                  Listing.finishedAndLimit(
                      call, ownedBy(world, owner, AnnotationType.Task, viewer));
              ArrayNode out = Json.array();
              list.forEach(a -> out.add(views.annotation(a, viewer)));
              return out;
            }));
  }

  /** Explorational annotations of a user, compact; {@code isFinished} means archived. */
  private static void explorationals(Call call, World world, Views views, User owner) {
    User viewer = call.user();
    call.ok(
        world.read(
            () -> {
              List<Annotation> list =
                  Listing.finishedAndLimit(
                      call, ownedBy(world, owner, AnnotationType.Explorational, viewer));
              ArrayNode out = Json.array();
              list.forEach(a -> out.add(views.annotationCompact(a)));
              return out;
            }));
  }
}
