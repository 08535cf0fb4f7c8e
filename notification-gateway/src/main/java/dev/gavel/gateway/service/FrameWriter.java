package dev.gavel.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Writes frames as JSON, each with the gateway's {@code serverTime} (CONTRACT §6b), so clients count down against the
 * server's clock rather than their own. A frame fanned out to many sockets is written once.
 */
@ApplicationScoped
public class FrameWriter {

    private final ObjectMapper mapper;
    private final Clock clock;

    public FrameWriter(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public String write(Object frame) {
        try {
            return mapper.writeValueAsString(tree(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame cannot be written: " + frame, e);
        }
    }

    /** The frame as UTF-8, the form a text frame goes on the wire in (shared by every socket it is sent to). */
    public byte[] bytes(Object frame) {
        try {
            return mapper.writeValueAsBytes(tree(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame cannot be written: " + frame, e);
        }
    }

    private ObjectNode tree(Object frame) {
        ObjectNode node = mapper.valueToTree(frame);
        node.put("serverTime", clock.instant().toString());
        return node;
    }
}
