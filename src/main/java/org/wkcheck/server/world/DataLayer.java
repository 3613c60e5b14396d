package org.wkcheck.server.world;

import java.util.List;

/**
 * A layer of a dataset. {@code boundingBox} is {@code [x, y, z, width, height, depth]}; resolutions
 * are {@code [x, y, z]} magnifications, sorted.
 */
public record DataLayer(
    String name,
    String category,
    String elementClass,
    int[] boundingBox,
    List<int[]> resolutions,
    Long largestSegmentId,
    List<String> mappings) {}
