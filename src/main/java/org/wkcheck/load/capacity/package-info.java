/**
 * {@code ./wkcheck capacity}: the highest arrival rate at which a target meets its objectives,
 * found by adaptive steps (double, then bisect to the resolution, repeat near the boundary, then
 * confirm; after Envoy Nighthawk's adaptive load controller), each step judged on its own
 * measurements and refused as invalid when the load generator, not the server, was the limit.
 */
package org.wkcheck.load.capacity;
