package org.wkcheck.server.world;

public record TaskType(
    String id,
    Organization organization,
    Team team,
    String summary,
    String description,
    AnnotationSettings settings,
    String tracingType,
    long created) {}
