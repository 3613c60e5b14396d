package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.ok;

import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.target.Role;

/**
 * {@code GET /teams}. Which teams a caller "can manage" the document does not define and no
 * documented route manages teams, so {@code teams.list.manageable-only} is not testable (see the
 * requirement catalog); the answer's form is.
 */
public class TeamsConformance extends ConformanceTest {

  /**
   * GET /teams MUST answer 200 with a JSON list of teams (schema team-list.json), for every caller:
   * the main user and each role whose token is given.
   */
  @Test
  @Requirement("teams.list.returns-teams")
  public void teamListDescribesTeams() {
    for (Role role : roles()) {
      ok(api.as(role).get("/teams"), "documented/team-list.json");
    }
  }
}
