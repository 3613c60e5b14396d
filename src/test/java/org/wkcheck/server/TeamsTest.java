package org.wkcheck.server;

import static org.testng.Assert.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/** {@code GET /teams}: the teams the caller can manage. */
public class TeamsTest extends ServerTestBase {

  private Set<String> teamIds(char user) {
    return new HashSet<>(strings(ok(as(user).get("/teams")), "id"));
  }

  /**
   * GET /teams MUST list exactly the teams the caller can manage (all of its organization for an
   * admin).
   */
  @Test
  public void listsTheTeamsTheCallerCanManage() {
    assertEquals(
        teamIds('A'),
        Set.of(SeedWorld.TEAM_X1, SeedWorld.TEAM_X2, SeedWorld.TEAM_X3, SeedWorld.TEAM_X4));
    assertEquals(teamIds('B'), Set.of(SeedWorld.TEAM_X1));
    assertEquals(teamIds('C'), Set.of(), "user_C is a member of team_X1 but manages nothing");
    assertEquals(teamIds('D'), Set.of(SeedWorld.TEAM_X2));
    assertEquals(teamIds('E'), Set.of(SeedWorld.TEAM_Y1));
  }

  /** Each team MUST carry its id, name and organization. */
  @Test
  public void teamsCarryIdNameAndOrganization() {
    for (JsonNode t : ok(as('A').get("/teams"))) {
      assertEquals(t.path("organization").asString(), "Organization_X", t.toString());
      assertEquals(t.path("id").asString().length(), 24, t.toString());
      assertEquals(t.path("name").asString().startsWith("team_X"), true, t.toString());
    }
  }
}
