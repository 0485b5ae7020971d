/**
 * Build tooling, not the command: {@link io.whisper.cli.aot.AotCaches} makes the launcher's AOT
 * caches at package time, one training JVM ({@link io.whisper.cli.aot.AotTraining}) per group
 * of commands. The launcher's flags and groups (scripts/launch-flags.sh) must equal
 * {@code AotCaches.LAUNCHER_FLAGS} and {@code AotTraining.Group}; docs/startup.md says why.
 */
package io.whisper.cli.aot;
