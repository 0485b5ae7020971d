package io.whisper.cli.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the controller runs ssh: the program, the timeouts, and where the multiplexing sockets
 * live (a folder of this user's: {@code $XDG_RUNTIME_DIR} or {@code /tmp}, mode 700).
 *
 * @param ssh the ssh program
 * @param connectTimeout ssh's ConnectTimeout
 * @param idleTimeout how long a node may leave a request without a frame before it is "slow"
 * @param controlDir where ControlPath sockets go
 */
record Transport(String ssh, Duration connectTimeout, Duration idleTimeout, Path controlDir) {}
