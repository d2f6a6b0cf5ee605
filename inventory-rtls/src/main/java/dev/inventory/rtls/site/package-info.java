/**
 * Site map (zone polygons, grid index, spatial hysteresis) and the engine-thread zone state machines
 * ({@link dev.inventory.rtls.site.ZoneTracker}, a core {@code RecordExtension}).
 */
package dev.inventory.rtls.site;
