/**
 * Built-in device adapters (CSV file replay). API.
 */
package dev.inventory.core.adapter;
