package dev.gavel.gateway.service;

/** Which notifications a user wants by mail (CONTRACT §6b); all on but {@code outbid} by default. */
public record MailPreferences(boolean outbid, boolean auctionWon, boolean auctionSold, boolean endingSoon,
        boolean payments) {

    public static final MailPreferences DEFAULTS = new MailPreferences(false, true, true, true, true);

    /** The preference a kind of mail follows ({@code outbid}, {@code auctionWon}, ...). */
    public boolean wants(String kind) {
        return switch (kind) {
            case NotificationRules.OUTBID_MAIL -> outbid;
            case NotificationRules.WON_MAIL -> auctionWon;
            case NotificationRules.SOLD_MAIL -> auctionSold;
            case NotificationRules.ENDING_SOON_MAIL -> endingSoon;
            case NotificationRules.PAYMENTS_MAIL -> payments;
            default -> false;
        };
    }

    /** The same preferences with one turned off (one-click unsubscribe). */
    public MailPreferences without(String kind) {
        return new MailPreferences(outbid && !kind.equals(NotificationRules.OUTBID_MAIL),
                auctionWon && !kind.equals(NotificationRules.WON_MAIL),
                auctionSold && !kind.equals(NotificationRules.SOLD_MAIL),
                endingSoon && !kind.equals(NotificationRules.ENDING_SOON_MAIL),
                payments && !kind.equals(NotificationRules.PAYMENTS_MAIL));
    }
}
