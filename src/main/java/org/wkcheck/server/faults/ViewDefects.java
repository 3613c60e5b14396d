package org.wkcheck.server.faults;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.server.api.Representation;
import org.wkcheck.server.api.ViewDecorator;
import org.wkcheck.server.world.DataLayer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defects of representations ({@link ViewDecorator}): fields renamed, retyped or left out, in
 * every place the representation appears (a task also inside the annotations that carry it).
 */
final class ViewDefects {
  private ViewDefects() {}

  static void taskStatusOpenRenamedPending(FaultLayer layer) {
    layer.view(
        Representation.TASK,
        (task, json) -> {
          renamed((ObjectNode) json.get("status"), "open", "pending");
          return json;
        });
  }

  static void assignmentsCountRenamed(FaultLayer layer) {
    layer.view(
        Representation.PROJECT_WITH_STATUS,
        (project, json) -> renamed(json, "numberOfOpenAssignments", "pendingInstances"));
  }

  static void userTeamsMissing(FaultLayer layer) {
    layer.view(Representation.USER, (user, json) -> without(json, "teams"));
  }

  static void taskCreatedAsString(FaultLayer layer) {
    layer.view(
        Representation.TASK,
        (task, json) -> json.put("created", Instant.ofEpochMilli(task.created).toString()));
  }

  static void projectPriorityAsString(FaultLayer layer) {
    layer.view(
        Representation.PROJECT,
        (project, json) -> json.put("priority", Long.toString(project.priority)));
  }

  /** The listed datasets with the resolutions the single-dataset route gives. */
  static void listResolutionsNotEmptied(FaultLayer layer) {
    layer.view(
        Representation.DATASET_LISTED,
        (dataset, json) -> {
          JsonNode layers = json.path("dataSource").path("dataLayers");
          List<DataLayer> real = dataset.layers();
          for (int i = 0; i < layers.size(); i++) {
            var resolutions =
                (tools.jackson.databind.node.ArrayNode) layers.get(i).get("resolutions");
            for (int[] r : real.get(i).resolutions()) {
              resolutions.addArray().add(r[0]).add(r[1]).add(r[2]);
            }
          }
          return json;
        });
  }

  private static ObjectNode without(ObjectNode json, String field) {
    json.remove(field);
    return json;
  }

  /** {@code json} with the field {@code from} called {@code to}, in the same place. */
  private static ObjectNode renamed(ObjectNode json, String from, String to) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    json.properties()
        .forEach(e -> fields.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
    json.removeAll();
    fields.forEach(json::set);
    return json;
  }
}
