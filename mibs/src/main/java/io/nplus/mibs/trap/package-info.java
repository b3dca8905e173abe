/**
 * Trap mappings: what a notification means, as YAML data next to the profiles ({@code traps/}), compiled and
 * checked at load, and applied to a trap's varbinds to give its severity, component, state and text.
 */
package io.nplus.mibs.trap;
