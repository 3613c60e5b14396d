package org.wkcheck.server.world;

public record DataStore(String name, String url, boolean isScratch, boolean allowsUpload) {}
