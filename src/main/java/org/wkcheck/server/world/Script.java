package org.wkcheck.server.world;

public record Script(String id, User owner, String name, String gist, long created) {}
