package org.wkcheck.contract;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every JSON Schema under {@code schemas/} is valid against the 2020-12 metaschema, has an absolute
 * {@code $id} that is unique and names its own path, and every {@code $ref} resolves offline.
 */
public class SchemaFilesTest {
  static final Path SCHEMAS = Path.of("schemas");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Every *.json below schemas/ that is a schema (it has "$schema"), by its relative path. */
  static Map<String, JsonNode> schemaFiles() throws IOException {
    Map<String, JsonNode> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(SCHEMAS)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String rel = SCHEMAS.relativize(p).toString().replace('\\', '/');
        if (rel.contains("/examples/")) {
          continue;
        }
        JsonNode node = JSON.readTree(p.toFile());
        if (node.has("$schema")) {
          out.put(rel, node);
        }
      }
    }
    return out;
  }

  /** Every schema MUST declare draft 2020-12 and be valid against its metaschema. */
  @Test
  public void everySchemaIsValidAgainstTheMetaschema() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta =
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    Map<String, JsonNode> files = schemaFiles();
    assertFalse(files.isEmpty(), "no schemas found under " + SCHEMAS.toAbsolutePath());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : files.entrySet()) {
      if (!"https://json-schema.org/draft/2020-12/schema"
          .equals(f.getValue().path("$schema").asString())) {
        problems.add(f.getKey() + ": $schema is not draft 2020-12");
      }
      for (Error e : meta.validate(f.getValue())) {
        problems.add(f.getKey() + " " + e.getInstanceLocation() + ": " + e.getMessage());
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Every $id MUST be absolute, unique, and name the schema's own path below schemas/. */
  @Test
  public void everyIdIsAbsoluteUniqueAndMatchesItsPath() throws IOException {
    Map<String, String> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : schemaFiles().entrySet()) {
      String id = f.getValue().path("$id").asString("");
      String expected = ContractFiles.BASE_IRI + f.getKey();
      if (!id.equals(expected)) {
        problems.add(f.getKey() + ": $id is '" + id + "', expected '" + expected + "'");
      }
      String other = seen.put(id, f.getKey());
      if (other != null) {
        problems.add(f.getKey() + ": $id also used by " + other);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Every schema MUST say in a $comment which routes use it, or that it is shared. */
  @Test
  public void everySchemaHasAComment() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : schemaFiles().entrySet()) {
      if (!f.getValue().path("$comment").isString()) {
        missing.add(f.getKey());
      }
    }
    assertTrue(missing.isEmpty(), "schemas without $comment: " + missing);
  }

  /**
   * Every required field of the documented profile MUST say why the document requires it: a {@code
   * $comment} beginning {@code required:} on the field's own schema in {@code properties}, or on
   * the object that lists it (a part of a combinator, which has no properties of its own). A field
   * is required only where the document names it or its words cannot hold without it; everything
   * else a real server sends is typed when present, so a server built from the document passes.
   */
  @Test
  public void everyRequiredFieldOfTheDocumentedProfileSaysWhy() throws IOException {
    List<String> problems = new ArrayList<>();
    int required = 0;
    for (Map.Entry<String, JsonNode> f : schemaFiles().entrySet()) {
      if (f.getKey().startsWith("documented/")) {
        required += unjustifiedRequired(f.getKey(), "", f.getValue(), problems);
      }
    }
    assertTrue(
        problems.isEmpty(),
        "required without a 'required:' $comment:\n" + String.join("\n", problems));
    assertTrue(required > 0, "no required field found under documented/");
  }

  /** Adds each required name below this node that lacks its justification; counts them all. */
  private static int unjustifiedRequired(
      String file, String pointer, JsonNode node, List<String> problems) {
    int count = 0;
    if (node.isObject()) {
      if (node.path("required").isArray()) {
        boolean whole = justifies(node);
        for (JsonNode name : node.path("required")) {
          count++;
          if (!whole && !justifies(node.path("properties").path(name.asString()))) {
            problems.add(file + " " + (pointer.isEmpty() ? "/" : pointer) + ": " + name.asString());
          }
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("required")) {
          count += unjustifiedRequired(file, pointer + "/" + e.getKey(), e.getValue(), problems);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        count += unjustifiedRequired(file, pointer + "/" + i, node.get(i), problems);
      }
    }
    return count;
  }

  private static boolean justifies(JsonNode schema) {
    return schema.path("$comment").asString("").startsWith("required: ");
  }

  /**
   * Every $ref MUST resolve offline: every schema loads with all the schemas it references, and
   * each reference names an existing file (and fragment).
   */
  @Test
  public void everyRefResolves() throws IOException {
    SchemaSet set = new SchemaSet(ContractFiles.folder(SCHEMAS), false);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : schemaFiles().entrySet()) {
      List<String> refs = new ArrayList<>();
      collectRefs(f.getValue(), refs);
      for (String ref : refs) {
        String target = resolve(f.getKey(), ref);
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        if (!file.isEmpty() && !Files.isRegularFile(SCHEMAS.resolve(file))) {
          problems.add(f.getKey() + ": $ref " + ref + " names missing file " + file);
        }
      }
      try {
        set.preload(f.getKey());
      } catch (RuntimeException e) {
        problems.add(f.getKey() + ": " + e.getMessage());
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** A schema's own path resolved against a relative $ref, as a path below schemas/. */
  static String resolve(String from, String ref) {
    if (ref.startsWith("#")) {
      return from + ref;
    }
    if (ref.startsWith(ContractFiles.BASE_IRI)) {
      return ref.substring(ContractFiles.BASE_IRI.length());
    }
    return Path.of(from).resolveSibling(ref).normalize().toString().replace('\\', '/');
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          out.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode e : node) {
        collectRefs(e, out);
      }
    }
  }

  /**
   * The strict variant of every schema MUST load, and MUST tell an unknown field apart: added to a
   * passing example of every schema whose documents are objects (or lists of objects) with listed
   * properties, the field MUST pass the normal variant and give the strict one a notice naming it,
   * and nothing but notices. Where the schema says itself what other fields may be ({@code
   * additionalProperties}, e.g. the experiences map), the strict variant MUST judge as the normal.
   */
  @Test
  public void strictVariantsReportAnUnknownFieldAsANotice() throws IOException {
    ContractFiles files = ContractFiles.folder(SCHEMAS);
    SchemaSet normal = new SchemaSet(files, false);
    SchemaSet strict = new SchemaSet(files, true);
    List<String> tightened = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : schemaFiles().entrySet()) {
      String rel = f.getKey();
      strict.preload(rel);
      JsonNode doc = passingExampleWithAnObject(rel);
      JsonNode governing = objectSchema(rel, f.getValue());
      if (doc == null || governing == null) {
        continue;
      }
      ObjectNode target = (ObjectNode) (doc.isObject() ? doc : doc.get(0));
      target.put(UNKNOWN_FIELD, 1);
      List<Violation> plain = normal.validate(rel, doc);
      List<Violation> strictly = strict.validate(rel, doc);
      boolean tightens =
          governing.has("properties")
              && !governing.has("additionalProperties")
              && !governing.has("unevaluatedProperties");
      if (!tightens) {
        if (!strictly.equals(plain)) {
          problems.add(rel + ": strict " + strictly + " but normal " + plain);
        }
        continue;
      }
      tightened.add(rel);
      if (!plain.isEmpty()) {
        problems.add(rel + ": the normal variant refuses an unknown field: " + plain);
      }
      if (strictly.stream().anyMatch(v -> !v.notice())
          || strictly.stream().noneMatch(v -> v.message().contains(UNKNOWN_FIELD))) {
        problems.add(rel + ": strict gives " + strictly + ", not a notice of " + UNKNOWN_FIELD);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(
        tightened.containsAll(
            List.of(
                "documented/task.json",
                "documented/task-list.json",
                "documented/user.json",
                "documented/user-list.json",
                "documented/project.json",
                "documented/project-with-status-list.json",
                "documented/dataset.json",
                "documented/annotation.json",
                "documented/annotation-compact-list.json",
                "documented/task-creation-report.json",
                "documented/buildinfo.json")),
        "checked: " + tightened);
  }

  private static final String UNKNOWN_FIELD = "wkcheckUnknownField";

  /**
   * The first passing example of a schema that is an object or a list starting with one, or null.
   */
  private static JsonNode passingExampleWithAnObject(String rel) throws IOException {
    int slash = rel.indexOf('/');
    Path pass =
        SCHEMAS.resolve(
            rel.substring(0, slash)
                + "/examples/"
                + rel.substring(slash + 1, rel.length() - ".json".length())
                + "/pass");
    if (!Files.isDirectory(pass)) {
      return null;
    }
    try (Stream<Path> examples = Files.list(pass)) {
      for (Path p : examples.sorted().toList()) {
        JsonNode doc = JSON.readTree(p.toFile());
        if (doc.isObject() || doc.path(0).isObject()) {
          return doc;
        }
      }
      return null;
    }
  }

  /** The schema of the objects a document of this schema is, or holds as a list; else null. */
  private static JsonNode objectSchema(String rel, JsonNode schema) throws IOException {
    if ("object".equals(schema.path("type").asString())) {
      return schema;
    }
    JsonNode items = schema.path("items");
    if ("array".equals(schema.path("type").asString()) && items.path("$ref").isString()) {
      String ref = resolve(rel, items.path("$ref").asString());
      return ref.contains("#") ? null : JSON.readTree(SCHEMAS.resolve(ref).toFile());
    }
    return null;
  }
}
