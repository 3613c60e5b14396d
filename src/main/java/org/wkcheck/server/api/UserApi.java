package org.wkcheck.server.api;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user routes: the user list, oneself, a user, and their task and explorational annotations.
 */
record UserApi(World world, Views views) implements Routes {
  @Override
  public void register(Router r) {
    r.get("/users", Auth.REQUIRED, this::list);
    r.get("/user", Auth.REQUIRED, this::self);
    r.get("/users/{id}", Auth.REQUIRED, this::read);
    r.get("/user/tasks", Auth.REQUIRED, call -> taskAnnotations(call, call.user()));
    r.get("/users/{id}/tasks", Auth.REQUIRED, call -> taskAnnotations(call, user(call)));
    r.get("/user/annotations", Auth.REQUIRED, call -> explorationals(call, call.user()));
    r.get("/users/{id}/annotations", Auth.REQUIRED, call -> explorationals(call, user(call)));
  }

  /** The users the caller may see, by last name; {@code isEditable}, {@code isAdmin}. */
  private void list(Call call) {
    User me = call.user();
    Predicate<User> editable =
        Listing.flag(call, "isEditable", u -> Access.canEditMemberships(me, u));
    Predicate<User> admin = Listing.flag(call, "isAdmin", u -> u.isAdmin);
    answerList(
        call,
        () ->
            world.users().stream()
                .filter(u -> Access.canRead(me, u))
                .filter(editable)
                .filter(admin)
                .sorted(
                    Comparator.comparing((User u) -> u.lastName.toLowerCase(Locale.ROOT))
                        .thenComparing(u -> u.id)),
        u -> views.user(u, me));
  }

  private void self(Call call) {
    call.ok(world.read(() -> views.user(call.user(), call.user())));
  }

  private void read(Call call) {
    call.ok(world.read(() -> views.user(readable(call), call.user())));
  }

  /** Task annotations of a user, with their task embedded; {@code isFinished}, {@code limit}. */
  private void taskAnnotations(Call call, User owner) {
    annotations(call, owner, AnnotationType.Task, a -> views.annotation(a, call.user()));
  }

  /** Explorational annotations of a user, compact; {@code isFinished} means archived. */
  private void explorationals(Call call, User owner) {
    annotations(call, owner, AnnotationType.Explorational, views::annotationCompact);
  }

  /** The annotations of {@code typ} of {@code owner} the caller may read, not cancelled. */
  private void annotations(
      Call call, User owner, AnnotationType typ, Function<Annotation, ObjectNode> view) {
    User viewer = call.user();
    answerList(
        call,
        () ->
            Listing.finishedAndLimit(
                call,
                world.annotationsOwnedBy(owner).stream()
                    .filter(a -> a.typ == typ && a.state != AnnotationState.Cancelled)
                    .filter(a -> Access.canRead(viewer, a))),
        view);
  }

  /** The user named in the path, if the caller may see them; 404 otherwise. */
  private User user(Call call) {
    return world.read(() -> readable(call));
  }

  private User readable(Call call) {
    return Access.found(
        world.user(call.objectId("id")), u -> Access.canRead(call.user(), u), "User not found");
  }
}
