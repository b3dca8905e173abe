/** Secrets (community strings, passphrases, routing keys) that can be used but never printed. */
package io.nplus.core.secret;
