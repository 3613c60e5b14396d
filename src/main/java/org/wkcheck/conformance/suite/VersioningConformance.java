package org.wkcheck.conformance.suite;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * The version prefixes: {@code /api} is the latest version, {@code /api/vN} version N, unsupported
 * versions are refused. The supported range is read from {@code GET /buildinfo} ({@code
 * httpApiVersioning}); a server that does not declare it gets these tests skipped.
 */
public class VersioningConformance extends ConformanceTest {
  private Integer current;
  private Integer oldest;
  private String projectName;
  private String taskId;

  @BeforeClass
  public void readVersions() {
    JsonNode b = Checks.json(api.anonymous().basePath("/api").get("/buildinfo"));
    JsonNode v = b.path("httpApiVersioning");
    if (v.path("currentApiVersion").isIntegralNumber()) {
      current = v.path("currentApiVersion").asInt();
      oldest = v.path("oldestSupportedApiVersion").asInt(current);
    }
    projectName = fixtures.project().path("name").asString();
    taskId = fixtures.tasks(projectName, 1, 1).get(0).path("success").path("id").asString();
  }

  private void requireDeclaredVersions() {
    if (current == null) {
      throw new SkipException(
          "GET /api/buildinfo declares no httpApiVersioning, so the supported versions are unknown");
    }
  }

  private RequestSpecification under(String prefix) {
    return api.as(Role.ADMIN).basePath(prefix);
  }

  /**
   * Read routes the comparisons use: the caller, teams, projects, the world's dataset, the suite's
   * project and task.
   */
  private List<String> readPaths() {
    return List.of(
        "/user",
        "/teams",
        "/projects/" + projectName,
        "/tasks/" + taskId,
        "/projects/" + projectName + "/tasks",
        "/datasets/" + world.organization() + "/" + world.dataset());
  }

  /**
   * The plain /api prefix MUST serve the documented routes as the latest version: every read route
   * answers under /api as under /api/vN for the current version N (the same object; fields that
   * change between two reads, such as lastActivity, apart).
   */
  @Test
  @Requirement("versioning.prefix.latest")
  public void plainApiIsTheLatestVersion() {
    requireDeclaredVersions();
    for (String path : readPaths()) {
      JsonNode plain = Checks.json(under("/api").get(path));
      JsonNode latest = Checks.json(under("/api/v" + current).get(path));
      Checks.sameObject(plain, latest, "GET " + path + " under /api/vN shows what /api shows");
    }
  }

  @DataProvider
  public Object[][] supportedVersions() {
    requireDeclaredVersions();
    List<Object[]> out = new ArrayList<>();
    for (int n = oldest; n <= current; n++) {
      out.add(new Object[] {n});
    }
    return out.toArray(new Object[0][]);
  }

  /** Every supported version N MUST serve the documented routes under /api/vN. */
  @Test(dataProvider = "supportedVersions")
  @Requirement("versioning.prefix.specific-version")
  public void everySupportedVersionIsServed(int version) {
    Checks.status(api.anonymous().basePath("/api/v" + version).get("/buildinfo"), 200);
    for (String path : readPaths()) {
      Checks.status(under("/api/v" + version).get(path), 200);
    }
  }

  /** A version above the newest (or below the oldest) supported one MUST be refused with a 4xx. */
  @Test
  @Requirement("versioning.prefix.unsupported-version-refused")
  public void unsupportedVersionsAreRefused() {
    requireDeclaredVersions();
    Checks.refused(under("/api/v" + (current + 1)).get("/user"));
    Checks.refused(under("/api/v" + (current + 1000)).get("/teams"));
    if (oldest > 0) {
      Checks.refused(under("/api/v" + (oldest - 1)).get("/user"));
    }
  }
}
