/**
 * The operating-system layer under whisper-core and the CLI's scans and cluster node: INTERNAL,
 * not a library API. Its classes are public only because the format package and whisper-cli
 * call them across a package boundary (there is no module-info to restrict them); they may
 * change in any release.
 *
 * <ul>
 *   <li>{@link io.whisper.core.os.NativeAccess}: the one decision whether the system calls can
 *       be made here (Linux on x86-64 or aarch64, native access granted); everything asks it.
 *   <li>{@code Syscalls} (package-private): the one table of call numbers, flags and
 *       {@code struct} offsets, and the one {@code syscall(2)} downcall; {@code Errno} the errno
 *       values and what an open failure means.
 *   <li>{@link io.whisper.core.os.Posix}: open, flock, fallocate and close by path and
 *       descriptor; {@link io.whisper.core.os.FileLock} and
 *       {@link io.whisper.core.os.HeldInode}, carbon's {@code flock(2)} held.
 *   <li>{@link io.whisper.core.os.HeldFolder}: a folder held by descriptor and the names below
 *       it, never through a symbolic link; {@link io.whisper.core.os.OpenFolder},
 *       {@link io.whisper.core.os.DirectoryListing}, {@link io.whisper.core.os.FileProbe}: a
 *       scan's listing and first bytes without allocation per file.
 *   <li>{@link io.whisper.core.os.SafeCopy}, {@link io.whisper.core.os.SyncedFiles}: copies
 *       and publications that survive a crash; {@link io.whisper.core.os.RegularFiles},
 *       {@link io.whisper.core.os.FileReads}, {@link io.whisper.core.os.PathBytes}: opening,
 *       reading and naming files.
 *   <li>{@link io.whisper.core.os.Failures}: the one wording of a per-file failure
 *       ({@code FILE: no such file or directory}).
 * </ul>
 */
package io.whisper.core.os;
