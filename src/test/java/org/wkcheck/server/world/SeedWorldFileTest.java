package org.wkcheck.server.world;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.contract.ContractFiles;
import org.wkcheck.contract.SchemaSet;
import org.wkcheck.contract.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed file {@code src/main/resources/seed/world.json}: it validates against its schema {@code
 * schemas/seed/world.json}; a broken copy is refused, by the schema and by the loader that builds
 * the world, saying where and what; the constants of {@link SeedWorld} name objects of the file;
 * and what wkcheck adds to webKnossos' test database is marked.
 */
public class SeedWorldFileTest {
  static final Path SEED = Path.of("src/main/resources/seed/world.json");
  static final String SCHEMA = "seed/world.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaSet SCHEMAS =
      new SchemaSet(ContractFiles.folder(Path.of("schemas")), false);

  private static ObjectNode seed() throws IOException {
    return (ObjectNode) JSON.readTree(Files.readString(SEED, StandardCharsets.UTF_8));
  }

  @Test
  public void seedFileValidatesAgainstItsSchema() throws IOException {
    List<Violation> violations = SCHEMAS.validate(SCHEMA, seed());
    assertTrue(violations.isEmpty(), SEED + " breaks " + SCHEMA + ": " + violations);
  }

  /**
   * (what is broken, the change, the JSON pointer the schema names, the schema keyword, what the
   * loader's message must contain); a null pointer: the schema cannot see it, the loader must.
   */
  @DataProvider
  public static Object[][] brokenCopies() {
    return new Object[][] {
      {
        "an unknown key (a typo)",
        set("users", 0, "isAdmn", true),
        "/users/0",
        "additionalProperties",
        "/users/0/isAdmn"
      },
      badValue("a wrong type", "projects", 0, "priority", "high", "type"),
      badValue(
          "a value outside its enumeration", "annotations", 9, "visibility", "Everyone", "enum"),
      {
        "a missing required field",
        edit(s -> ((ObjectNode) s.get("users").get(1)).remove("isAdmin")),
        "/users/1",
        "required",
        "/users/1/isAdmin"
      },
      badValue("a malformed timestamp", "teams", 2, "created", "2017-08-07 08:56", "pattern"),
      {
        "a reference to an undeclared name",
        set("tasks", 0, "project", "Test_Projet"),
        null,
        null,
        "task 58135c192faeb34c0081c058 refers to project 'Test_Projet', which is not declared"
      },
      {
        "two teams of one name",
        set("teams", 1, "name", "team_X1"),
        null,
        null,
        "two teams are called 'team_X1'"
      },
    };
  }

  /**
   * A row of {@link #brokenCopies()} for a value the schema refuses where it stands: the schema and
   * the loader both name its JSON pointer.
   */
  private static Object[] badValue(
      String what, String list, int index, String key, Object value, String keyword) {
    String pointer = "/" + list + "/" + index + "/" + key;
    return new Object[] {what, set(list, index, key, value), pointer, keyword, pointer};
  }

  @Test(dataProvider = "brokenCopies")
  public void brokenCopyIsRefusedSayingWhereAndWhat(
      String what, JsonNode copy, String pointer, String keyword, String loaderSays) {
    List<Violation> violations = SCHEMAS.validate(SCHEMA, copy);
    if (pointer == null) {
      assertTrue(violations.isEmpty(), what + ": the schema is not meant to see it: " + violations);
    } else {
      assertEquals(violations.size(), 1, what + ": " + violations);
      Violation v = violations.get(0);
      assertEquals(v.pointer(), pointer, what + ": " + v);
      assertEquals(v.keyword(), keyword, what + ": " + v);
    }
    IllegalArgumentException refused =
        expectThrows(
            IllegalArgumentException.class,
            () -> SeedWorld.create(SeedFile.read("a broken copy", copy.toString())));
    assertTrue(
        refused.getMessage().contains(loaderSays),
        what + ": the loader's message does not say '" + loaderSays + "': " + refused.getMessage());
  }

  /** Every id constant of SeedWorld names an object of its kind in the seed file. */
  @Test
  public void everyConstantNamesASeededObject() throws Exception {
    ObjectNode seed = seed();
    Map<String, String> listByPrefix =
        Map.of(
            "ORG_", "organizations",
            "USER_", "users",
            "TEAM_", "teams",
            "TASK_TYPE_", "taskTypes",
            "SCRIPT", "scripts",
            "PROJECT_", "projects",
            "TASK_ANNOTATION_", "annotations",
            "EXPLORATIONAL_", "annotations",
            "TASK_", "tasks",
            "DATASET_", "datasets");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Field f : SeedWorld.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
        continue;
      }
      String list =
          listByPrefix.entrySet().stream()
              .filter(e -> f.getName().startsWith(e.getKey()))
              .max((a, b) -> a.getKey().length() - b.getKey().length())
              .map(Map.Entry::getValue)
              .orElse(null);
      if (list == null) {
        problems.add(f.getName() + ": no kind of object known for its name");
        continue;
      }
      String id = (String) f.get(null);
      boolean found = false;
      for (JsonNode o : seed.get(list)) {
        found |= o.get("id").asString().equals(id);
      }
      if (!found) {
        problems.add(f.getName() + " = " + id + ": no such object in " + list);
      }
      checked++;
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals(checked, 34, "id constants checked");
  }

  /**
   * What wkcheck adds is marked: every object under an id it made up ({@code 5eed0c0de...}) and
   * every annotation's content (the test database holds no tracings), with a reason.
   */
  @Test
  public void additionsAreMarked() throws IOException {
    ObjectNode seed = seed();
    List<String> unmarked = new ArrayList<>();
    int madeUp = 0;
    for (Map.Entry<String, JsonNode> list : seed.properties()) {
      if (!list.getValue().isArray()) {
        continue;
      }
      for (JsonNode o : list.getValue()) {
        if (o.path("id").asString("").startsWith("5eed0c0de") && marked(o)) {
          madeUp++;
        } else if (o.path("id").asString("").startsWith("5eed0c0de")) {
          unmarked.add(list.getKey() + " " + o.get("id"));
        }
      }
    }
    for (JsonNode a : seed.get("annotations")) {
      if (!marked(a) && !marked(a.get("skeleton"))) {
        unmarked.add("the content of annotation " + a.get("id"));
      }
    }
    assertTrue(unmarked.isEmpty(), "additions without wkcheckAddition: " + unmarked);
    assertEquals(madeUp, 2, "objects under made-up ids (the hybrid and the cancelled annotation)");
    JsonNode l4 = seed.get("datasets").get(5);
    assertEquals(l4.get("name").asString(), "l4_sample");
    assertTrue(marked(l4), "l4_sample is public only in wkcheck's seed: " + l4);
  }

  private static boolean marked(JsonNode o) {
    return o != null && o.path("wkcheckAddition").asString("").length() > 10;
  }

  /** A copy of the seed file with one field of one object set to {@code value}. */
  private static JsonNode set(String list, int index, String key, Object value) {
    return edit(s -> ((ObjectNode) s.get(list).get(index)).set(key, JSON.valueToTree(value)));
  }

  private static JsonNode edit(Consumer<ObjectNode> change) {
    try {
      ObjectNode copy = seed();
      change.accept(copy);
      return copy;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
