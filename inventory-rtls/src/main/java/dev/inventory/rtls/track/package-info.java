/** Per-tag track filters: {@link dev.inventory.rtls.track.TrackFilter}. */
package dev.inventory.rtls.track;
