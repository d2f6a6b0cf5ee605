/**
 * Site map (zone polygons with ids, floors and height bands, grid index, spatial hysteresis by band or explicit
 * exit polygon), its file format ({@link dev.inventory.rtls.site.SiteMapFile}) and the engine-thread zone state
 * machines ({@link dev.inventory.rtls.site.ZoneTracker}, a core {@code RecordExtension} whose state is part of the
 * pipeline snapshot).
 */
package dev.inventory.rtls.site;
