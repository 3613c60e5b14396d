package org.wkcheck.server.world;

/** The tracing store that annotations name as holding their tracings. */
public record TracingStore(String name, String url) {}
