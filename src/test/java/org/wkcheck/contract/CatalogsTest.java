package org.wkcheck.contract;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.testng.annotations.Test;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;

/** The route and requirement catalogs of the documented profile, and how they fit together. */
public class CatalogsTest {
  private static final ContractFiles FILES = ContractFiles.folder(SchemaFilesTest.SCHEMAS);
  private static final SchemaSet SCHEMAS = new SchemaSet(FILES, false);
  private static final RouteCatalog ROUTES = RouteCatalog.load(FILES, "documented");
  private static final RequirementCatalog REQUIREMENTS =
      RequirementCatalog.load(FILES, "documented");

  /** Both catalogs MUST have the form their meta schemas give. */
  @Test
  public void catalogsMatchTheirMetaSchemas() {
    List<Violation> routes =
        SCHEMAS.validate("meta/route-catalog.json", FILES.require("documented/routes.json"));
    assertTrue(routes.isEmpty(), "routes.json: " + routes);
    List<Violation> reqs =
        SCHEMAS.validate(
            "meta/requirement-catalog.json", FILES.require("documented/requirements.json"));
    assertTrue(reqs.isEmpty(), "requirements.json: " + reqs);
  }

  /**
   * The route catalog MUST hold the 37 documented routes, exactly those the reference server
   * answers.
   */
  @Test
  public void routeCatalogHasTheDocumentedRoutes() {
    Set<String> catalog = new TreeSet<>();
    ROUTES.routes().forEach(r -> catalog.add(r.id()));
    assertEquals(catalog.size(), 37, "route ids must be unique and 37: " + catalog);
    Set<String> served = new TreeSet<>();
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      server
          .documentedRoutes()
          .forEach(
              r -> served.add(r.method() + " " + r.path().replaceAll("\\{([A-Za-z]+)}", ":$1")));
    }
    assertEquals(catalog, served);
  }

  /** Every schema the route catalog names MUST exist. */
  @Test
  public void everyReferencedSchemaExists() {
    List<String> missing = new ArrayList<>();
    for (String s : ROUTES.referencedSchemas()) {
      if (!Files.isRegularFile(SchemaFilesTest.SCHEMAS.resolve(s))) {
        missing.add(s);
      }
    }
    assertTrue(missing.isEmpty(), "named in routes.json but missing: " + missing);
  }

  /**
   * CatalogRequirement ids MUST be unique and name only catalogued routes; every route MUST have
   * requirements.
   */
  @Test
  public void requirementsFitTheRoutes() {
    Set<String> ids = new HashSet<>();
    Set<String> covered = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (CatalogRequirement r : REQUIREMENTS.requirements()) {
      if (!ids.add(r.id())) {
        problems.add("duplicate id " + r.id());
      }
      if (!r.id().startsWith(r.group() + ".")) {
        problems.add(r.id() + " is not in its group " + r.group());
      }
      if (!r.statement().contains(r.level())) {
        problems.add(r.id() + ": statement does not say " + r.level());
      }
      for (String route : r.routes()) {
        if (ROUTES.byId(route).isEmpty()) {
          problems.add(r.id() + " names unknown route " + route);
        }
        covered.add(route);
      }
    }
    for (Route route : ROUTES.routes()) {
      if (!covered.contains(route.id())) {
        problems.add("no requirement for route " + route.id());
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(
        REQUIREMENTS.requirements().size() > 100, "well over a hundred requirements expected");
  }

  /** Requests MUST match their routes under /api and /api/vN, literal segments winning. */
  @Test
  public void requestsMatchRoutes() {
    assertEquals(match("GET", "/api/projects/assignments"), "GET /projects/assignments");
    assertEquals(match("GET", "/api/v3/projects/Test_Project"), "GET /projects/:name");
    assertEquals(
        match("PUT", "/api/annotations/Task/58135c402faeb34e0081c068/reset"),
        "PUT /annotations/Task/:id/reset");
    assertEquals(match("GET", "/api/tasks/5f1e?x=1"), "GET /tasks/:id");
    assertEquals(match("GET", "/api/user/tasks"), "GET /user/tasks");
    assertEquals(
        ROUTES.match("GET", "/api/v12/users/abc").orElseThrow().apiVersion(), Integer.valueOf(12));
    assertTrue(ROUTES.match("GET", "/api/folders/tree").isEmpty());
    assertTrue(ROUTES.match("GET", "/data/datasets").isEmpty());
    assertTrue(ROUTES.match("DELETE", "/api/user").isEmpty());
    // the method in any case; segments counted exactly; parameters decoded and never empty
    assertEquals(match("get", "/api/tasks/5f1e"), "GET /tasks/:id");
    assertEquals(match("GET", "/api/tasks/"), "none");
    assertEquals(match("GET", "/api/tasks/5f1e/annotations/x"), "none");
    assertEquals(match("GET", "/api/tasks"), "none");
    assertEquals(match("GETX", "/api/tasks/5f1e"), "none");
    assertEquals(match("GET", "/api/projects/assignment"), "GET /projects/:name");
    assertEquals(match("GET", "/api/projects/assignmentsX"), "GET /projects/:name");
    assertEquals(match("GET", "/api/project%73/assignments"), "GET /projects/assignments");
    RouteCatalog.Match m =
        ROUTES.match("GET", "/api/datasets/Organization_X/my%20data+set").orElseThrow();
    assertEquals(m.route().id(), "GET /datasets/:organizationName/:dataSetName");
    assertEquals(
        m.pathParams(),
        java.util.Map.of("organizationName", "Organization_X", "dataSetName", "my data+set"));
  }

  private static String match(String method, String path) {
    return ROUTES.match(method, path).map(m -> m.route().id()).orElse("none");
  }
}
