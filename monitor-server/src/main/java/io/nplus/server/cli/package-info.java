/** The {@code nplus} command line: one picocli subcommand per verb. */
package io.nplus.server.cli;
