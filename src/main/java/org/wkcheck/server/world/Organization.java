package org.wkcheck.server.world;

public record Organization(String id, String name, String displayName, String logoUrl) {}
