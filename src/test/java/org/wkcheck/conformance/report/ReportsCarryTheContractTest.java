package org.wkcheck.conformance.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.Contract;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.SeededServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requirement ids, levels, statements and the document's words reach every report of a run:
 * Allure (labels requirement, feature, story, severity; the statement and quote as description; the
 * target and wkcheck version as environment), the JUnit XML (a property per requirement, the rerun
 * command on a failure) and report.md (level, statement and quote under each failure).
 */
public class ReportsCarryTheContractTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  public void everyReportNamesTheRequirements() throws Exception {
    try (SeededServer server = SeededServer.withFaults(Fault.PARTIAL_FAILURE_400)) {
      Path out = Files.createTempDirectory("contract");
      CommandRun run =
          server.run(
              "conformance",
              "--out",
              out.toString(),
              "--only",
              "tasks.create.partial-failure-is-200,buildinfo");
      assertEquals(run.exit(), 1, run.out() + run.err());
      Path latest = out.resolve("latest");

      // Allure: each test case is labelled with its requirements and described by them
      Set<String> labelled = new HashSet<>();
      int results = 0;
      try (Stream<Path> files = Files.list(latest.resolve("allure-results"))) {
        for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
          results++;
          JsonNode r = JSON.readTree(Files.readString(f));
          Set<String> names = new HashSet<>();
          for (JsonNode l : r.path("labels")) {
            names.add(l.path("name").asString());
            if (l.path("name").asString().equals("requirement")) {
              labelled.add(l.path("value").asString());
              CatalogRequirement q = requirement(l.path("value").asString());
              assertTrue(r.path("description").asString().contains(q.statement()), r.toString());
              assertTrue(r.path("description").asString().contains(q.quote()), r.toString());
            }
          }
          assertTrue(
              names.containsAll(List.of("requirement", "feature", "story", "severity")),
              f + ": " + names);
        }
      }
      assertTrue(results >= 3, "results: " + results);
      assertTrue(labelled.contains("tasks.create.partial-failure-is-200"), labelled.toString());
      assertTrue(labelled.contains("buildinfo.read.returns-version-info"), labelled.toString());
      String environment =
          Files.readString(latest.resolve("allure-results").resolve("environment.properties"));
      assertTrue(environment.contains("target=http"), environment);
      assertTrue(environment.contains("wkcheck="), environment);

      // JUnit XML: a requirement property on every test case, the rerun command on the failure
      Set<String> inJunit = new HashSet<>();
      boolean rerunOnFailure = false;
      try (Stream<Path> files = Files.list(latest.resolve("junit"))) {
        for (Path f : files.toList()) {
          Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
          NodeList cases = d.getElementsByTagName("testcase");
          for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            NodeList properties = c.getElementsByTagName("property");
            boolean hasRequirement = false;
            for (int k = 0; k < properties.getLength(); k++) {
              Element p = (Element) properties.item(k);
              if (p.getAttribute("name").equals("requirement")) {
                hasRequirement = true;
                inJunit.add(p.getAttribute("value"));
              }
              if (p.getAttribute("name").equals("rerun")
                  && c.getElementsByTagName("failure").getLength() == 1) {
                rerunOnFailure = p.getAttribute("value").contains("--only ");
              }
            }
            assertTrue(hasRequirement, f + ": " + c.getAttribute("name"));
          }
        }
      }
      assertEquals(inJunit, labelled);
      assertTrue(rerunOnFailure, "the failed test case carries its rerun command");

      // report.md: level, statement and the document's words under the failure
      String md = Files.readString(latest.resolve("report.md"));
      CatalogRequirement q = requirement("tasks.create.partial-failure-is-200");
      assertTrue(md.contains("> **MUST** " + q.statement()), md);
      assertTrue(md.contains("> The document: \u201c" + q.quote() + "\u201d"), md);
    }
  }

  private static CatalogRequirement requirement(String id) {
    return Contract.documented().requirements().byId(id).orElseThrow();
  }
}
