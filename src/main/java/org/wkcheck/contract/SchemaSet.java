package org.wkcheck.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of the contract (draft 2020-12), validated with networknt's
 * json-schema-validator. Every {@code $id} lies under {@link ContractFiles#BASE_IRI}; such IRIs are
 * served from the contract files, never fetched. In strict mode every object schema that lists
 * {@code properties} also gets {@code unevaluatedProperties: false}, and what that finds is
 * reported as notices: the document says new response fields are not breaking, so they never count
 * as violations. At most {@link #MAX_ERRORS} errors are collected per document: a hostile body (an
 * array of millions of wrong items) would otherwise make millions of them, some 340 bytes each.
 */
public final class SchemaSet {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STRICT_KEYWORD = "unevaluatedProperties";

  /** Errors collected per document; validation stops at the next one, and says so. */
  public static final int MAX_ERRORS = 1000;

  private final SchemaRegistry registry;
  private final boolean strict;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  public SchemaSet(ContractFiles files, boolean strict) {
    this.strict = strict;
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaRegistryConfig(
                        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                    .schemas(
                        iri ->
                            ContractFiles.relativePathOf(iri)
                                .flatMap(files::read)
                                .map(text -> strict ? tighten(text) : text)
                                .orElse(null)));
  }

  public boolean strict() {
    return strict;
  }

  /** The schema at a path below {@code schemas/}, e.g. {@code documented/task.json}. */
  public Schema schema(String relativePath) {
    return schemas.computeIfAbsent(
        relativePath,
        p -> {
          try {
            return registry.getSchema(SchemaLocation.of(ContractFiles.BASE_IRI + p));
          } catch (RuntimeException e) {
            throw new ContractException("cannot load schema " + p + ": " + e.getMessage(), e);
          }
        });
  }

  /** Loads the schema and everything it references, failing on a broken or dangling reference. */
  public void preload(String relativePath) {
    Schema s = schema(relativePath);
    s.validate(JSON.nullNode()); // walks the $refs reachable from the root
  }

  public List<Violation> validate(String relativePath, JsonNode document) {
    CappedErrors errors = new CappedErrors();
    try {
      schema(relativePath).validate(document, ctx -> ctx.setErrors(errors));
    } catch (CappedErrors.Full full) {
      // the first MAX_ERRORS are kept, in the order they were found
    }
    List<Violation> out = new ArrayList<>(errors.size() + 1);
    for (Error e : errors) {
      boolean notice = strict && STRICT_KEYWORD.equals(e.getKeyword());
      out.add(
          new Violation(
              e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString(),
              e.getKeyword(),
              e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString(),
              e.getMessage(),
              notice));
    }
    if (errors.full) {
      out.add(
          new Violation(
              "",
              "limit",
              relativePath,
              "validation stopped after " + MAX_ERRORS + " violations; more are not listed",
              false));
    }
    return out;
  }

  /**
   * The error list of one validation: it stops the validation (with {@link Full}) when an error
   * beyond {@link #MAX_ERRORS} is added. Until then it is a plain list, so what the validator does
   * with it (counting, clearing) is unchanged.
   */
  private static final class CappedErrors extends ArrayList<Error> {
    private static final long serialVersionUID = 1L;
    boolean full;

    /** Unwinds the validation; never escapes {@link SchemaSet#validate}. */
    static final class Full extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Full() {
        super("too many errors", null, false, false);
      }
    }

    @Override
    public boolean add(Error e) {
      if (size() >= MAX_ERRORS) {
        full = true;
        throw new Full();
      }
      return super.add(e);
    }

    @Override
    public boolean addAll(java.util.Collection<? extends Error> c) {
      for (Error e : c) {
        add(e);
      }
      return !c.isEmpty();
    }
  }

  public List<Violation> validate(String relativePath, String json) {
    return validate(relativePath, JSON.readTree(json));
  }

  /**
   * Adds {@code unevaluatedProperties: false} to every object schema that lists properties, except
   * inside combinators ({@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if},
   * {@code then}, {@code else}): their parts constrain only some properties and rely on the
   * enclosing schema for the rest.
   */
  static String tighten(String schemaText) {
    JsonNode root = JSON.readTree(schemaText);
    tighten(root, false);
    return JSON.writeValueAsString(root);
  }

  private static final java.util.Set<String> COMBINATORS =
      java.util.Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else");

  private static void tighten(JsonNode node, boolean insideCombinator) {
    if (node instanceof ObjectNode o) {
      if (!insideCombinator
          && o.has("properties")
          && o.get("properties").isObject()
          && !o.has(STRICT_KEYWORD)
          && !o.has("additionalProperties")) {
        o.put(STRICT_KEYWORD, false);
      }
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        tighten(e.getValue(), insideCombinator || COMBINATORS.contains(e.getKey()));
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode e : a) {
        tighten(e, insideCombinator);
      }
    }
  }

  /** The instance format the validator reads; exposed for callers that validate text. */
  public static InputFormat format() {
    return InputFormat.JSON;
  }
}
