package org.wkcheck.server.api;

import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.User;

/** {@code GET /teams}: the teams the caller can manage (all of the organization for admins). */
final class TeamApi extends Routes {
  TeamApi(Parts parts) {
    super(parts);
  }

  @Override
  void register(Router r) {
    r.get("/teams", Auth.REQUIRED, this::list);
  }

  private void list(Call call) {
    User me = call.user();
    answerList(
        call, () -> world.teams().stream().filter(t -> Access.canManage(me, t)), views::team);
  }
}
