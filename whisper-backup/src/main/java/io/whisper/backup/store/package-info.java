/**
 * Where a repository's objects live: {@link io.whisper.backup.store.ObjectStore}, with a
 * local folder ({@link io.whisper.backup.store.LocalStore}) and an S3 bucket behind it.
 */
package io.whisper.backup.store;
