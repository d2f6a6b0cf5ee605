/**
 * Engine configuration: a validating builder and the properties file format of the CLI. API.
 */
package dev.inventory.core.config;
