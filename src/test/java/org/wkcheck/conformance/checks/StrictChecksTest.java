package org.wkcheck.conformance.checks;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.ContractFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema checks under a strict contract: a field the schema does not list MUST become a notice
 * (with the schema and the place) and never fail the check; a real violation MUST still fail.
 */
public class StrictChecksTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TEAM = "documented/team.json";

  private static ObjectNode team() {
    ObjectNode t = JSON.createObjectNode();
    t.put("id", "570b9f4b2a7c0e3b008da6ec");
    t.put("name", "team_X1");
    t.put("organization", "Organization_X");
    return t;
  }

  private Checks.Scope scope;

  @AfterMethod(alwaysRun = true)
  public void documentedAgain() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  private List<String> strict() {
    List<String> notices = new ArrayList<>();
    scope =
        Checks.use(
            Contract.load(ContractFiles.classpath(), Contract.DEFAULT_PROFILE, true), notices::add);
    return notices;
  }

  /** An unknown field MUST give one notice naming the schema and the field, and no failure. */
  @Test
  public void anUnknownFieldIsANoticeNotAFailure() {
    List<String> notices = strict();
    ObjectNode t = team();
    t.put("wkcheckExtra", true);
    Checks.matchesSchema(t, TEAM, "A team");
    assertEquals(notices.size(), 1, notices.toString());
    assertTrue(notices.get(0).startsWith(TEAM + " "), notices.get(0));
    assertTrue(notices.get(0).contains("wkcheckExtra"), notices.get(0));
  }

  /** A document that lists only known fields MUST give no notice. */
  @Test
  public void knownFieldsGiveNoNotice() {
    List<String> notices = strict();
    Checks.matchesSchema(team(), TEAM, "A team");
    assertEquals(notices, List.of());
  }

  /** In strict mode a missing required field MUST still fail the check. */
  @Test
  public void aViolationStillFailsInStrictMode() {
    List<String> notices = strict();
    ObjectNode t = team();
    t.put("name", 42); // a team's name, where given, is a string
    t.put("wkcheckExtra", true);
    CheckFailure f =
        expectThrows(CheckFailure.class, () -> Checks.matchesSchema(t, TEAM, "A team"));
    assertTrue(f.failure().actual().contains("name"), f.failure().actual());
    assertEquals(notices.size(), 1, notices.toString());
  }

  /** The documented (not strict) contract MUST accept an unknown field and give no notice. */
  @Test
  public void theDocumentedContractAcceptsUnknownFieldsSilently() {
    List<String> notices = new ArrayList<>();
    scope = Checks.use(Contract.documented(), notices::add);
    JsonNode t = team().put("wkcheckExtra", true);
    Checks.matchesSchema(t, TEAM, "A team");
    assertEquals(notices, List.of());
  }
}
