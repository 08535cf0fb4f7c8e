package dev.gavel.gateway.service;

import dev.gavel.events.UserSessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each signed-in user's notification connections (a user may have several tabs or devices), with the session each
 * was opened in.
 */
@ApplicationScoped
public class PersonalFeeds {

    /** Close code when the session that opened a personal feed ends (logout, password change, suspension). */
    public static final int SESSION_ENDED = 4401;

    private final Map<UUID, Map<ClientChannel, Optional<UUID>>> byUser = new ConcurrentHashMap<>();
    private final FrameWriter frames;

    public PersonalFeeds(FrameWriter frames) {
        this.frames = frames;
    }

    public void join(UUID userId, UUID sessionId, ClientChannel channel) {
        byUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).put(channel, Optional.ofNullable(sessionId));
    }

    public void leave(UUID userId, ClientChannel channel) {
        byUser.computeIfPresent(userId, (id, channels) -> {
            channels.remove(channel);
            return channels.isEmpty() ? null : channels;
        });
    }

    /**
     * Closes the user's connections opened in the revoked sessions: all of them when every session ended, else those
     * whose token named that session. A connection whose token named no session is closed by any revocation.
     */
    public void revoke(UserSessionsRevoked revoked) {
        Map<ClientChannel, Optional<UUID>> channels = byUser.get(revoked.userId());
        if (channels == null) {
            return;
        }
        channels.forEach((channel, session) -> {
            if (session.isEmpty() || revoked.covers(session.get())) {
                channel.close(SESSION_ENDED, "session ended: " + revoked.reason());
            }
        });
    }

    /** Whether the user has a personal feed open on this replica. */
    public boolean connected(UUID userId) {
        return userId != null && byUser.containsKey(userId);
    }

    /** Sends a notification to every connection of the user, if any. */
    public void notify(UUID userId, Object frame) {
        if (userId == null) {
            return;
        }
        Map<ClientChannel, Optional<UUID>> channels = byUser.get(userId);
        if (channels == null || channels.isEmpty()) {
            return;
        }
        String json = frames.write(frame);
        channels.keySet().forEach(c -> c.send(json));
    }
}
