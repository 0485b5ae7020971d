/**
 * Build tooling: the files a package ships that are made from the commands' picocli models,
 * so they cannot drift from {@code --help}. {@link io.whisper.cli.docs.PackageFiles} writes the
 * manual pages (committed under docs/man; a test fails when they are stale), the bash
 * completion and the list of drop-in commands; ./package calls it.
 */
package io.whisper.cli.docs;
