/** Strict YAML binding with errors that name the file, the line, the key path and what is allowed. */
package io.nplus.mibs.yaml;
