package org.wkcheck.server.world;

public record Team(
    String id, Organization organization, String name, boolean isOrganizationTeam, long created) {}
