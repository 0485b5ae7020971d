package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where every metric lives: the owners of a metric name, in replica order, exactly as the
 * carbon-c-relay or carbon that reads the same ring file places it.
 */
public final class Ring {
    private final Placement placement;

    Ring(Placement placement) {
        this.placement = placement;
    }

    /**
     * Reads a carbon-c-relay configuration (its {@code cluster} blocks) or a carbon.conf (its
     * {@code [relay]} section), told apart by their content. {@code clusterName} picks a relay
     * cluster; without it the file must have exactly one consistent-hash cluster.
     */
    public static Ring load(Path ringFile, Optional<String> clusterName) throws RingException {
        return new Ring(RingFiles.load(ringFile, clusterName));
    }

    /** The owners of a dotted metric name, first replica first, as the relay prints them. */
    public List<Member> owners(String metric) {
        byte[] bytes = metric.getBytes(StandardCharsets.UTF_8);
        return placement.owners(bytes, 0, bytes.length);
    }

    /**
     * The owners of the metric name in {@code name[offset, offset + length)}, raw bytes as they
     * arrive on the wire (they need not be UTF-8).
     */
    public List<Member> owners(byte[] name, int offset, int length) {
        return placement.owners(name, offset, length);
    }

    /** The members in the order the ring file lists them. */
    public List<Member> members() {
        return placement.members();
    }

    /** How many owners each metric has. */
    public int replication() {
        return placement.replication();
    }
}
