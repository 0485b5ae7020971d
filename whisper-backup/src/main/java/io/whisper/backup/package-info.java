/**
 * Deduplicated snapshots of whisper trees, in the repository shape of restic: immutable
 * blobs named by their SHA-256 (fixed-size file chunks, byte-shuffled and zstd-compressed,
 * and folder listings), packed into objects of megabytes, an index of where each blob is, and
 * snapshots, written in that order so a crash leaves only unreferenced data.
 *
 * <p>The small public API: {@link io.whisper.backup.Repository} (open, read, snapshots),
 * {@link io.whisper.backup.RepositoryLock}, {@link io.whisper.backup.FileChunker} and
 * {@link io.whisper.backup.TreeBuilder} with {@link io.whisper.backup.BlobWriter} for a backup,
 * {@link io.whisper.backup.FileRestorer} and {@link io.whisper.backup.FileContent} for restore
 * and cat, {@link io.whisper.backup.Check}, {@link io.whisper.backup.KeepPolicy} and
 * {@link io.whisper.backup.Prune}. Where objects live is {@link io.whisper.backup.store}.
 * docs/backup.md describes the format and its guarantees.
 */
package io.whisper.backup;
