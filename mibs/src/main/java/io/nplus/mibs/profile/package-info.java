/**
 * Device profiles: the YAML schema ({@code *Spec}), its compiled form ({@link io.nplus.mibs.profile.Profile}),
 * the loader that checks every reference, and the catalog of built-in profiles.
 */
package io.nplus.mibs.profile;
