/**
 * Graphite's Whisper format in pure Java, byte for byte as whisper.py 1.1.4 writes it (except
 * where whisper.py is wrong: docs/format.md, docs/dropins.md).
 *
 * <p>Most users need two entry points:
 *
 * <ul>
 *   <li>{@link io.whisper.core.WhisperFile}: one open file. {@code open} reads (no lock),
 *       {@code openForUpdate} holds carbon's {@code flock(2)} until closed; then {@code fetch},
 *       {@code update}, {@code updateMany}. Every header is validated on open
 *       ({@link io.whisper.core.CorruptWhisperFileException} names the problem).
 *   <li>{@link io.whisper.core.Whisper}: files that do not exist yet. {@code create} writes a new
 *       file under a temporary name and links it into place, never replacing one.
 * </ul>
 *
 * <p>The operations on whole files, all in one shape: {@code OP.op(files, OP.Request)} returns an
 * {@code OP.Result}, and an empty {@code Optional} in a request keeps the file's own value.
 * {@link io.whisper.core.Fill} (gaps of one replica from another), {@link io.whisper.core.Merge},
 * {@link io.whisper.core.Diff}, {@link io.whisper.core.Resize},
 * {@link io.whisper.core.SetAggregation} and {@link io.whisper.core.Move} (near-atomic,
 * crash-proof, with late writes carried over).
 *
 * <p>The values are records: {@link io.whisper.core.Header}, {@link io.whisper.core.ArchiveInfo},
 * {@link io.whisper.core.Retention}, {@link io.whisper.core.Point},
 * {@link io.whisper.core.TimeSeries}, {@link io.whisper.core.Aggregation},
 * {@link io.whisper.core.AggregationMethod}, {@link io.whisper.core.Allocation}, and what a check
 * finds: {@link io.whisper.core.Finding}, {@link io.whisper.core.Problem},
 * {@link io.whisper.core.Severity}. Time is always passed in ({@code now}); nothing here reads
 * the clock. {@link io.whisper.core.HeaderCodec} and {@link io.whisper.core.HeaderValidator}
 * read and check headers without opening a file as {@code WhisperFile} does (fsck, info).
 *
 * <p>{@link io.whisper.core.fsck} checks files as {@code whisper fsck} does. The package
 * {@code io.whisper.core.os} is the operating-system layer (system calls, locks, listings,
 * safe copies): internal, public only for whisper-cli, not an API.
 */
package io.whisper.core;
