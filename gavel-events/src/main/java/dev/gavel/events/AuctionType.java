package dev.gavel.events;

/** FORWARD: the highest bid wins. REVERSE: the lowest bid wins (procurement). */
public enum AuctionType { FORWARD, REVERSE }
