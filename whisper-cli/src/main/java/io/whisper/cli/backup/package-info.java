/**
 * The backup commands: {@code whisper init, backup, snapshots, restore, cat, check, forget}
 * over {@link io.whisper.backup}, each a {@link io.whisper.cli.support.Subcommand} that
 * {@code Subcommands} creates by name. A repository is named by {@code -r REPO} or
 * {@code WHISPER_REPOSITORY} ({@code RepositoryOption}).
 */
package io.whisper.cli.backup;
