package org.wkcheck.validate;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wkcheck.testing.CommandRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's validate examples ({@code src/test/resources/examples/validate/}) give what the
 * README says, in each {@code --format}: text, json and junit.
 */
public class ValidateFormatsTest {
  private static final String EXAMPLES = Path.of("src/test/resources/examples/validate").toString();

  @Test
  public void textCountsEveryExampleExchange() {
    CommandRun run = CommandRun.main("validate", EXAMPLES);
    assertEquals(run.exit(), 1, run.out() + run.err());
    assertEquals(run.lastLine(), "3 conform, 1 violate, 1 not documented");
    assertTrue(
        run.out().contains("VIOLATES  GET /api/teams 200  [teams-violating.json]"), run.out());
    assertTrue(run.out().contains("/0/id: integer found, string expected"), run.out());
  }

  @Test
  public void jsonGivesEveryExchangeAndTheCounts() {
    CommandRun run = CommandRun.main("validate", "--format", "json", EXAMPLES);
    assertEquals(run.exit(), 1, run.err());
    JsonNode r = JsonMapper.builder().build().readTree(run.out());
    assertEquals(r.path("summary").path("conform").asInt(), 3);
    assertEquals(r.path("summary").path("violate").asInt(), 1);
    assertEquals(r.path("summary").path("notDocumented").asInt(), 1);
    assertEquals(r.path("summary").path("byApiVersion").path("v5").path("conform").asInt(), 1);
    assertEquals(r.path("exchanges").size(), 5);
    JsonNode violating = null;
    for (JsonNode e : r.path("exchanges")) {
      if (e.path("verdict").asString().equals("VIOLATES")) {
        violating = e;
      }
    }
    assertEquals(violating.path("source").asString(), "teams-violating.json");
    assertEquals(violating.path("violations").get(0).path("pointer").asString(), "/0/id");
  }

  @Test
  public void junitHasACaseAnExchangeAndAFailureAViolation() throws Exception {
    CommandRun run = CommandRun.main("validate", "--format", "junit", EXAMPLES);
    assertEquals(run.exit(), 1, run.err());
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(run.out().strip().getBytes(StandardCharsets.UTF_8)));
    Element suite = d.getDocumentElement();
    assertEquals(suite.getAttribute("tests"), "5");
    assertEquals(suite.getAttribute("failures"), "1");
    assertEquals(suite.getAttribute("skipped"), "1");
    assertEquals(d.getElementsByTagName("testcase").getLength(), 5);
    Element failure = (Element) d.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("/0/id"), failure.getTextContent());
  }

  @Test
  public void anUnknownFormatIsBadUsage() {
    assertEquals(CommandRun.main("validate", "--format", "xml", EXAMPLES).exit(), 2);
  }
}
