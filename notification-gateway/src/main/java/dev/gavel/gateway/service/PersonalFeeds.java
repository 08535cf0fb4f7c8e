package dev.gavel.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Each signed-in user's notification connections (a user may have several tabs or devices). */
@ApplicationScoped
public class PersonalFeeds {

    private final Map<UUID, Set<ClientChannel>> byUser = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    public PersonalFeeds(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void join(UUID userId, ClientChannel channel) {
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(channel);
    }

    public void leave(UUID userId, ClientChannel channel) {
        byUser.computeIfPresent(userId, (id, set) -> {
            set.remove(channel);
            return set.isEmpty() ? null : set;
        });
    }

    /** Sends a notification to every connection of the user, if any. */
    public void notify(UUID userId, Object frame) {
        if (userId == null) {
            return;
        }
        Set<ClientChannel> channels = byUser.get(userId);
        if (channels == null || channels.isEmpty()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        channels.forEach(c -> c.send(json));
    }
}
