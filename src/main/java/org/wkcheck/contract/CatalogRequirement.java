package org.wkcheck.contract;

import java.util.List;

/** A normative statement of the document, with a stable id (the requirement catalog). */
public record CatalogRequirement(
    String id,
    String group,
    String level,
    String statement,
    List<String> routes,
    String quote,
    boolean testable,
    String reason) {}
