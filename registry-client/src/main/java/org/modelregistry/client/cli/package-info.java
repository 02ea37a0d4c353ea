/**
 * The {@code registry} command-line tool: picocli commands over {@link org.modelregistry.client.RegistryClient},
 * the session file in the user's configuration directory, table and JSON output, and the exit codes of
 * docs/cli.md. A command group is a class listed in {@link org.modelregistry.client.cli.RegistryCli}'s
 * subcommands.
 */
package org.modelregistry.client.cli;
