package io.whisper.cli.cluster;

import io.whisper.ring.Member;
import java.util.List;
import java.util.Optional;

/**
 * One storage node as the controller reaches it.
 *
 * @param label the ring member's {@code host:port} (or the node section's name)
 * @param member the ring member, empty for a node being drained (not in the ring)
 * @param destination what ssh connects to ({@code graphite@store1})
 * @param sshOptions extra ssh arguments, before the controller's own (so they win)
 * @param command the tool on the node, as the node's shell reads it
 * @param storage the node's storage root
 * @param trash the node's trash folder, when not the default ROOT.trash
 */
record Node(String label, Optional<Member> member, String destination, List<String> sshOptions,
    String command, String storage, Optional<String> trash) {}
