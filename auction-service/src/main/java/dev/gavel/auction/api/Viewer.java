package dev.gavel.auction.api;

import java.util.UUID;

/** Who looks at an auction: a signed-in user (maybe an admin) or nobody in particular. Views depend on it. */
public record Viewer(UUID id, boolean admin) {

    public static final Viewer ANONYMOUS = new Viewer(null, false);

    public static Viewer user(UUID id) {
        return new Viewer(id, false);
    }

    /** Whether the viewer is this user. */
    public boolean is(UUID user) {
        return id != null && id.equals(user);
    }
}
